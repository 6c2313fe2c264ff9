import { EventEmitter } from "node:events";
import { errorField, log } from "@/lib/ops/log";
import { sql } from "@/lib/sql/connection";

// How new work reaches an idle worker at once: an in-process event, plus (on PostgreSQL)
// NOTIFY on this channel for workers in other processes, who LISTEN to it (./listen-for-work.ts).

export const WORK_CHANNEL = "pigeon_work";

const store = globalThis as unknown as { __pigeonWake?: EventEmitter };

function emitter(): EventEmitter {
  if (!store.__pigeonWake) {
    store.__pigeonWake = new EventEmitter();
    store.__pigeonWake.setMaxListeners(0);
  }
  return store.__pigeonWake;
}

// `npm start` runs the worker in a process of its own beside the web server and relays
// "wake" between them over their IPC channels (scripts/start.ts): within one turn of the
// event loop, however many messages arrived, one wake-up crosses.
let relayPending = false;
function relayToParent(): void {
  if (relayPending || !process.send || !process.env.PIGEON_WAKE_RELAY) return;
  relayPending = true;
  setImmediate(() => {
    relayPending = false;
    // With a callback a failed send (npm start gone a moment ago) is not an uncaught EPIPE.
    if (process.connected) process.send?.("wake", undefined, undefined, () => {});
  });
}

/** Wakes the workers of this process, and the one `npm start` runs beside it. */
export function wakeWorker(): void {
  emitter().emit("wake");
  relayToParent();
}

// NOTIFY serializes the commits of the transactions that send it (PostgreSQL takes a
// global lock for the notification queue at commit), so new messages do not notify in
// their own statements: one NOTIFY per turn of the event loop, after they are stored,
// wakes every worker however many arrived. Workers also look for work every second, so a
// NOTIFY lost with a failing connection costs at most that.
let notifyPending = false;

/** Wakes the workers of this process at once, and on PostgreSQL those of every other process within a turn of the event loop. */
export function wakeWorkersSoon(): void {
  wakeWorker();
  if (notifyPending) return;
  const connection = sql();
  if (connection.kind !== "postgres") return;
  notifyPending = true;
  setImmediate(() => {
    notifyPending = false;
    connection.query(`SELECT pg_notify('${WORK_CHANNEL}', '')`, []).catch((error: unknown) => log().warn({ err: errorField(error) }, "NOTIFY failed"));
  });
}

/** Wakes the workers of this process and, on PostgreSQL, those of every other process. */
export async function notifyWorkers(): Promise<void> {
  wakeWorker();
  const connection = sql();
  if (connection.kind === "postgres") await connection.query(`SELECT pg_notify('${WORK_CHANNEL}', '')`, []);
}

/** Calls `listener` on every wake-up; returns the function that stops listening. */
export function onWake(listener: () => void): () => void {
  emitter().on("wake", listener);
  return () => emitter().off("wake", listener);
}
