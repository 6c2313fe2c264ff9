import { Worker } from "node:worker_threads";
import { attachSqliteThread } from "@/lib/sql/sqlite-thread";

/** Starts the delivery engine's SQLite write thread (lib/sql/sqlite-thread.ts); returns a function that stops it. */
export function startSqliteWriteThread(): () => Promise<void> {
  const jobs = new URL("../../lib/delivery/store/sqlite-jobs.ts", import.meta.url).href;
  return attachSqliteThread(new Worker(new URL("./tsx-thread.mjs", import.meta.url), { workerData: { module: jobs } }));
}
