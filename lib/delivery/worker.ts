import pg from "pg";
import { db, provider } from "@/lib/db";
import { env } from "@/lib/env";
import { resumeStaleRecoverTasks } from "@/lib/endpoints/recover-endpoint";
import { claimDueDeliveries } from "./claim-due-deliveries";
import { type BatchSummary, runDeliveryBatch } from "./run-delivery-batch";
import { onWake, WORK_CHANNEL, wakeWorker } from "./wake-worker";

// One delivery engine with three doors: the loop in the web server (instrumentation.ts),
// the standalone `npm run worker`, and POST /api/worker for schedulers (drainFor).

const POLL_MS = 1_000;
// How often a worker looks for background tasks a dead process left unfinished.
const HOUSEKEEPING_MS = 30_000;

export interface WorkerOptions {
  signal: AbortSignal;
  /** Called after every batch that claimed something. */
  onBatch?: (summary: BatchSummary & { ms: number }) => void;
  onError?: (error: unknown) => void;
}

/** Claims and runs one batch of due deliveries. */
export async function runOnce(): Promise<BatchSummary> {
  const settings = env();
  const claim = await claimDueDeliveries({ limit: settings.PIGEON_WORKER_CONCURRENCY * 2, leaseSeconds: settings.PIGEON_LEASE_SECONDS });
  return runDeliveryBatch(claim);
}

/** Runs batches until nothing is due or `seconds` have passed; for POST /api/worker. */
export async function drainFor(seconds: number): Promise<{ attempted: number; succeeded: number; failed: number }> {
  const deadline = Date.now() + seconds * 1000;
  const total = { attempted: 0, succeeded: 0, failed: 0 };
  while (Date.now() < deadline) {
    const summary = await runOnce();
    total.attempted += summary.attempted;
    total.succeeded += summary.succeeded;
    total.failed += summary.failed;
    if (summary.claimed === 0) break;
  }
  return total;
}

/** How long to sleep: until the next retry falls due, but never past the poll interval. */
async function idleMs(): Promise<number> {
  const next = await db.delivery.findFirst({ where: { nextAttemptAt: { not: null } }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } });
  if (!next?.nextAttemptAt) return POLL_MS;
  return Math.min(POLL_MS, Math.max(10, next.nextAttemptAt.getTime() - Date.now() + 5));
}

/** Waits for a wake-up, the timeout or the abort, whichever comes first. */
function idle(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stopListening();
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stopListening = onWake(done);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** On PostgreSQL, NOTIFY from other processes wakes this one; returns the closer. */
async function listenForWork(onError: (error: unknown) => void): Promise<() => Promise<void>> {
  if (provider() !== "postgres") return async () => {};
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  client.on("notification", () => wakeWorker());
  // Polling still finds the work if this connection drops.
  client.on("error", onError);
  try {
    await client.connect();
    await client.query(`LISTEN ${WORK_CHANNEL}`);
  } catch (error) {
    onError(error);
  }
  return () => client.end().catch(() => {});
}

/**
 * Delivers until `signal` aborts: claims and runs batches while work is due, otherwise
 * waits for a wake-up or the poll interval. On abort the in-flight batch finishes
 * (each attempt is bounded by the attempt timeout), then it returns.
 */
export async function startWorker({ signal, onBatch, onError = defaultOnError }: WorkerOptions): Promise<void> {
  const stopListening = await listenForWork(onError);
  let housekeptAt = 0;
  try {
    while (!signal.aborted) {
      if (Date.now() - housekeptAt > HOUSEKEEPING_MS) {
        housekeptAt = Date.now();
        await resumeStaleRecoverTasks().catch(onError);
      }
      let summary: BatchSummary | undefined;
      const started = performance.now();
      try {
        summary = await runOnce();
      } catch (error) {
        onError(error);
      }
      if (summary && summary.claimed > 0) {
        onBatch?.({ ...summary, ms: Math.round(performance.now() - started) });
        continue;
      }
      await idle(signal, await idleMs().catch(() => POLL_MS));
    }
  } finally {
    await stopListening();
  }
}

function defaultOnError(error: unknown) {
  console.error(JSON.stringify({ level: "error", msg: "delivery worker error", err: String((error as Error)?.stack ?? error) }));
}
