import { EventEmitter } from "node:events";
import { sql } from "@/lib/sql/connection";

// How new work reaches an idle worker at once: an in-process event, plus (on PostgreSQL)
// NOTIFY on this channel for workers in other processes, who LISTEN to it (./listen-for-work.ts).
// Message ingest notifies within its own statement (./insert-message.ts).

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
    if (process.connected) process.send?.("wake");
  });
}

/** Wakes the workers of this process, and the one `npm start` runs beside it. */
export function wakeWorker(): void {
  emitter().emit("wake");
  relayToParent();
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
