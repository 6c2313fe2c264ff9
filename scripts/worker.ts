import { startWorker } from "@/lib/delivery/worker";
import { wakeWorker } from "@/lib/delivery/store/wake";
import { log } from "@/lib/ops/log";
import { databaseProvider, startupEnv } from "@/lib/env";
import { describeDatabase } from "./lib/cli";
import { startSqliteWriteThread } from "./lib/sqlite-write-thread";

// A delivery worker on its own (run with PIGEON_WORKER=false on the web servers):
// a JSON summary line per second of work; SIGTERM or SIGINT finishes the attempts in flight, then exits.

const env = startupEnv();
// Beside the web server under `npm start`: its wake-ups arrive over the IPC channel (scripts/start.ts).
process.on("message", (message) => {
  if (message === "wake") wakeWorker();
});
const controller = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    log().info({ signal }, "worker stopping");
    controller.abort();
  });
}
// On SQLite the claims and recorded attempts are written on a thread of their own, so this
// process uses a second core (lib/sql/sqlite-thread.ts).
const stopThread = databaseProvider(env.DATABASE_URL) === "sqlite" ? startSqliteWriteThread() : async () => {};
log().info({ database: describeDatabase(env.DATABASE_URL), concurrency: env.PIGEON_WORKER_CONCURRENCY }, "worker started");
await startWorker({
  signal: controller.signal,
  onBatch: (summary) => log().info(summary, "batch"),
});
await stopThread();
const { db } = await import("@/lib/db");
await db.$disconnect();
log().info("worker stopped");
process.exit(0);
