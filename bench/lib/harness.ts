// What the benchmarks share: the receiver process, a fresh database per scenario, and
// waiting for processes and receipts.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { createTestDatabase, type DbKind } from "../../tests/support/test-database";
import type { ReceiverReport, ReceiverRequest } from "./receiver";

export const postgresAdmin = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Receiver {
  port: number;
  child: ChildProcess;
  ask(request: ReceiverRequest): Promise<ReceiverReport>;
}

export async function startReceiver(): Promise<Receiver> {
  const child = fork(path.join(import.meta.dirname, "receiver.ts"), { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve) => child.once("message", (m: { port: number }) => resolve(m.port)));
  return {
    port,
    child,
    ask: (request) =>
      new Promise((resolve) => {
        child.once("message", (m) => resolve(m as ReceiverReport));
        child.send(request);
      }),
  };
}

/** A fresh, empty database for one scenario (PostgreSQL on BENCH_POSTGRES_URL's server). */
export const freshDatabase = (kind: DbKind) => createTestDatabase(kind, { prefix: "pigeon_bench", adminUrl: postgresAdmin });

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Waits until `expected` distinct deliveries arrived; fails when nothing new arrives for `stallMs`. */
export async function waitForReceipts(receiver: Receiver, expected: number, stallMs = 60_000): Promise<ReceiverReport> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const report = await receiver.ask({ type: "report" });
    if (report.unique >= expected) return report;
    if (report.unique !== last) {
      last = report.unique;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > stallMs) {
      throw new Error(`stalled at ${report.unique} of ${expected} deliveries`);
    }
    await sleep(100);
  }
}
