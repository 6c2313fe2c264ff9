import pg from "pg";
import { db, provider } from "@/lib/db";
import { env } from "@/lib/env";
import { resumeStaleRecoverTasks } from "@/lib/endpoints/recover-endpoint";
import { claimDueDeliveries } from "./claim-due-deliveries";
import { type BatchSummary, emptySummary, prepareClaim, type ReadyDelivery, runDeliveryBatch, type SentDelivery, sendReady, settle } from "./run-delivery-batch";
import { onWake, WORK_CHANNEL, wakeWorker } from "./wake-worker";
import { errorField, log } from "@/lib/ops/log";
import { sweepExpired } from "@/lib/retention/sweep-expired";

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

/** Waits for a wake-up, the timeout, the abort or a call of the function handed to `onNudge`, whichever comes first. */
function idle(signal: AbortSignal, ms: number, onNudge?: (nudge: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stopListening();
      signal.removeEventListener("abort", done);
      onNudge?.(() => {});
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stopListening = onWake(done);
    signal.addEventListener("abort", done, { once: true });
    onNudge?.(done);
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

// How long a finished attempt may wait for others to be recorded with it.
const WRITE_DELAY_MS = 5;
// How often the loop reports what it did (onBatch): a summary, not a line per attempt.
const REPORT_MS = 1_000;

/**
 * Delivers until `signal` aborts. A pipeline, not lock-step batches: up to
 * PIGEON_WORKER_CONCURRENCY attempts are on the wire at once, free slots are refilled by
 * new claims as attempts finish (so one slow endpoint never holds the others), and
 * finished attempts are recorded in groups, one transaction per group, while the next ones
 * are in flight. When nothing is due it waits for a wake-up or the poll interval. On abort
 * it stops claiming, lets the attempts in flight finish (each bounded by the attempt
 * timeout) and records them, then returns.
 */
export async function startWorker({ signal, onBatch, onError = defaultOnError }: WorkerOptions): Promise<void> {
  const settings = env();
  const concurrency = settings.PIGEON_WORKER_CONCURRENCY;
  // Claim only when at least this many slots are free, so claims stay batches under load.
  const refillAt = Math.max(1, Math.floor(concurrency / 2));
  const stopListening = await listenForWork(onError);
  let inFlight = 0;
  let finished: SentDelivery[] = [];
  let writing: Promise<void> | null = null;
  let summary = emptySummary();
  let since = performance.now();
  let nudge = () => {};

  // What was done since the last report goes out at most once a second; a timer makes sure
  // the last of it is reported when the worker falls idle.
  let reportTimer: NodeJS.Timeout | null = null;
  const report = (force: boolean) => {
    const ms = performance.now() - since;
    if (summary.claimed === 0 && summary.attempted === 0) return;
    if (!force && ms < REPORT_MS) {
      reportTimer ??= setTimeout(() => {
        reportTimer = null;
        report(true);
      }, REPORT_MS - ms).unref();
      return;
    }
    if (reportTimer) clearTimeout(reportTimer);
    reportTimer = null;
    onBatch?.({ ...summary, ms: Math.round(ms) });
    summary = emptySummary();
    since = performance.now();
  };
  // Finished attempts are recorded in groups: when half the slots' worth is waiting, or a
  // few milliseconds after the first of them finished, one transaction for the lot.
  let flushTimer: NodeJS.Timeout | null = null;
  const write = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    writing ??= (async () => {
      while (finished.length > 0) {
        const group = finished;
        finished = [];
        try {
          const settled = await settle(group);
          summary.attempted += settled.attempted;
          summary.succeeded += settled.succeeded;
          summary.failed += settled.failed;
        } catch (error) {
          // Unrecorded attempts are tried again when their lease runs out: at least once, never lost.
          onError(error);
        }
        report(false);
      }
      writing = null;
    })();
  };
  const finish = (sent: SentDelivery) => {
    finished.push(sent);
    if (writing) return; // the running write takes it next
    if (finished.length >= Math.max(1, concurrency / 2)) write();
    else flushTimer ??= setTimeout(write, WRITE_DELAY_MS);
  };
  const send = (ready: ReadyDelivery) => {
    inFlight++;
    sendReady(ready).then(finish, onError).finally(() => {
      inFlight--;
      if (concurrency - inFlight >= refillAt) nudge();
    });
  };

  let housekeptAt = 0;
  // Retention runs beside delivery, never in its way: one sweep at a time, in small batches.
  let sweptAt = Date.now();
  let sweeping: Promise<void> | null = null;
  try {
    while (!signal.aborted) {
      if (Date.now() - housekeptAt > HOUSEKEEPING_MS) {
        housekeptAt = Date.now();
        await resumeStaleRecoverTasks().catch(onError);
      }
      if (!sweeping && Date.now() - sweptAt > settings.PIGEON_RETENTION_SWEEP_SECONDS * 1000) {
        sweptAt = Date.now();
        sweeping = sweepExpired({ signal })
          .then((cleared) => {
            if (cleared.messages + cleared.attempts + cleared.idempotencyRecords > 0) log().info(cleared, "retention sweep");
          }, onError)
          .finally(() => (sweeping = null));
      }
      let claimed = 0;
      const free = concurrency - inFlight;
      if (free >= refillAt) {
        try {
          const claim = await claimDueDeliveries({ limit: free, leaseSeconds: settings.PIGEON_LEASE_SECONDS });
          claimed = claim.ids.length;
          const { ready, summary: prepared } = await prepareClaim(claim);
          summary.claimed += prepared.claimed;
          summary.paused += prepared.paused;
          summary.throttled += prepared.throttled;
          ready.forEach(send);
        } catch (error) {
          onError(error);
        }
      }
      if (claimed > 0 && concurrency - inFlight >= refillAt) continue;
      if (inFlight === 0 && !writing) report(false);
      // Wait for free slots, new work or the next due retry.
      await idle(signal, inFlight > 0 ? POLL_MS : await idleMs().catch(() => POLL_MS), (fn) => (nudge = fn));
    }
    while (inFlight > 0) await idle(new AbortController().signal, POLL_MS, (fn) => (nudge = fn));
    if (finished.length > 0) write();
    await writing;
    await sweeping;
    report(true);
  } finally {
    await stopListening();
  }
}

function defaultOnError(error: unknown) {
  log().error({ err: errorField(error) }, "delivery worker error");
}
