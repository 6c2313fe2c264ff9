// What the benchmarks share: the receiver process, a fresh database per scenario, and
// waiting for processes and receipts.
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
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

export async function freshDatabase(kind: "sqlite" | "postgres"): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pigeon-bench-"));
    return { url: `file:${path.join(dir, "bench.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `pigeon_bench_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
  const admin = new pg.Client({ connectionString: postgresAdmin });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresAdmin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresAdmin });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

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

