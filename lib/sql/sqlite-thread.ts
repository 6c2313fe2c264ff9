import { parentPort, type Worker } from "node:worker_threads";
import { errorField, log } from "@/lib/ops/log";
import { type SqliteSql, sql } from "./connection";

// SQLite: the delivery worker's hottest writes (a claim with the rows it loads, a group of
// recorded attempts) may run on a thread of their own with its own connection, so the
// worker's main thread spends its time on the attempts' HTTP while the thread writes.
// SQLite does the work of a write synchronously, so on one thread the two take turns; on
// two they overlap and a second core is used. The standalone worker (`npm start`,
// `npm run worker`) starts the thread; everywhere else, and whenever the thread is gone,
// the same job runs on this thread's connection. A job is a named function of the
// transaction and plain, cloneable arguments (sqlite-jobs.ts names them); writes asked
// for in one turn share a transaction on either side (connection.ts, group commit).

/** A job: a function of the write transaction and its own (cloneable) arguments. */
export type SqliteJob = (db: SqliteSql, args: never) => unknown;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}
interface Answer {
  id: number;
  value?: unknown;
  error?: { message: string; code?: string; name: string };
}

let thread: { worker: Worker; pending: Map<number, Pending>; next: number } | null = null;

/**
 * Hands the named jobs to `worker` (a thread running serveSqliteJobs). If the thread ends,
 * the jobs waiting on it fail (the deliveries they held are claimed again when their lease
 * runs out) and later jobs run on this thread. Returns a function that stops the thread.
 */
export function attachSqliteThread(worker: Worker): () => Promise<void> {
  const current = { worker, pending: new Map<number, Pending>(), next: 0 };
  thread = current;
  worker.on("message", ({ id, value, error }: Answer) => {
    const call = current.pending.get(id);
    current.pending.delete(id);
    if (!call) return;
    if (error) call.reject(Object.assign(new Error(error.message), { name: error.name, code: error.code }));
    else call.resolve(value);
  });
  const gone = (reason: unknown) => {
    if (thread === current) thread = null;
    for (const call of current.pending.values()) call.reject(reason);
    current.pending.clear();
  };
  worker.on("error", (error) => {
    log().error({ err: errorField(error) }, "database write thread failed; writing on the main thread");
    gone(error);
  });
  worker.on("exit", (code) => gone(new Error(`the database write thread exited (${code})`)));
  return async () => {
    gone(new Error("the database write thread was stopped"));
    await worker.terminate();
  };
}

/** Runs a job in a write transaction: on the write thread if one runs, else here (`local` is the same job, bound to its arguments). */
export function sqliteJob<A, T>(name: string, args: A, local: (db: SqliteSql) => T): Promise<T> {
  const connection = sql();
  if (connection.kind !== "sqlite") throw new Error("sqliteJob needs the SQLite connection");
  if (!thread) return connection.write(local);
  const current = thread;
  const id = current.next++;
  return new Promise<T>((resolve, reject) => {
    current.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    current.worker.postMessage({ id, name, args });
  });
}

/** The thread's side: runs each job it is sent in a write transaction of its own connection. */
export function serveSqliteJobs(jobs: Record<string, SqliteJob>): void {
  const port = parentPort;
  if (!port) throw new Error("serveSqliteJobs runs in a worker thread");
  port.on("message", ({ id, name, args }: { id: number; name: string; args: unknown }) => {
    const connection = sql();
    const job = jobs[name];
    const done = (answer: Omit<Answer, "id">) => port.postMessage({ id, ...answer });
    if (connection.kind !== "sqlite" || !job) {
      done({ error: { message: `no SQLite job named ${name}`, name: "Error" } });
      return;
    }
    connection
      .write((db) => job(db, args as never))
      .then(
        (value) => done({ value }),
        (error: { message?: string; code?: string; name?: string }) =>
          done({ error: { message: String(error?.message ?? error), code: error?.code, name: error?.name ?? "Error" } }),
      );
  });
}
