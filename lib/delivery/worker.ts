import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { resumeStaleRecoverTasks } from "@/lib/endpoints/recover-endpoint";
import { sendDueDigests } from "@/lib/notices/send-due-digests";
import { errorField, log } from "@/lib/ops/log";
import { sweepExpired } from "@/lib/retention/sweep-expired";
import { emptySummary, prepareClaim, type ReadyDelivery, type SentDelivery, sendReady, settle, type StepSummary } from "./delivery-steps";
import { dbNow, syncDbClock } from "@/lib/sql/db-clock";
import { type Candidate, InFlight } from "./fair-share";
import { keepLeases } from "./keep-leases";
import { claimDueDeliveries } from "./store/claim";
import { promoteAllFifo } from "./store/queue-order";
import { throttledEndpoints } from "./throttle";
import { listenForWork } from "./store/listen-for-work";
import { onWake } from "./store/wake";

// One delivery engine with three doors: the loop in the web server (instrumentation.ts),
// the standalone `npm run worker` (startWorker), and POST /api/worker for schedulers
// (drainFor). All three run the same pipeline (runEngine): up to PIGEON_WORKER_CONCURRENCY
// attempts on the wire, free slots refilled by new claims as attempts finish (so one slow
// endpoint never holds the others), finished attempts recorded in groups while the next
// ones are in flight. A slow endpoint or a busy tenant holds only its share of the slots
// (fair-share.ts).

const POLL_MS = 1_000;
// How long a finished attempt may wait for others to be recorded with it.
const WRITE_DELAY_MS = 5;
// How often the loop reports what it did: a summary, not a line per attempt.
const REPORT_MS = 1_000;
// How often a worker looks for recover tasks a dead process left unfinished.
const RESUME_TASKS_MS = 30_000;
// How often a worker moves every FIFO endpoint's queue on, in case two writes crossed (store/queue-order.ts).
const FIFO_SWEEP_MS = 3_000;
// How often a worker looks for notice emails that are due (lib/notices/digest.ts).
const DIGESTS_MS = 5_000;

export type EngineReport = StepSummary & { ms: number };

export interface WorkerOptions {
  signal: AbortSignal;
  /** Called at most once a second with what was done since the last call. */
  onBatch?: (report: EngineReport) => void;
  onError?: (error: unknown) => void;
}

const add = (into: StepSummary, more: StepSummary) => {
  for (const key of Object.keys(into) as (keyof StepSummary)[]) into[key] += more[key];
};

/** Sums what the engine did; hands it to `onReport` at most once a second (and once more at the end). */
function reporter(onReport: (report: EngineReport) => void) {
  const total = emptySummary();
  let pending = emptySummary();
  let since = performance.now();
  let timer: NodeJS.Timeout | null = null;
  const report = (force: boolean) => {
    const ms = performance.now() - since;
    if (pending.claimed === 0 && pending.attempted === 0) return;
    if (!force && ms < REPORT_MS) {
      timer ??= setTimeout(() => {
        timer = null;
        report(true);
      }, REPORT_MS - ms).unref();
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    onReport({ ...pending, ms: Math.round(ms) });
    pending = emptySummary();
    since = performance.now();
  };
  return {
    total,
    add(summary: StepSummary) {
      add(total, summary);
      add(pending, summary);
      report(false);
    },
    flush: () => report(true),
  };
}

/**
 * Records finished attempts in groups: when half the slots' worth is waiting, or a few
 * milliseconds after the first of them finished, one transaction for the lot (settle).
 * `onWritten` hears of each group once its write is over, whether it succeeded or not.
 */
function recorder(
  concurrency: number,
  onSettled: (summary: StepSummary) => void,
  onError: (error: unknown) => void,
  onWritten: (group: SentDelivery[]) => void,
) {
  let finished: SentDelivery[] = [];
  let writing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const write = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    writing ??= (async () => {
      while (finished.length > 0) {
        const group = finished;
        finished = [];
        // Unrecorded attempts are tried again when their lease runs out: at least once, never lost.
        await settle(group).then(onSettled, onError);
        onWritten(group);
      }
      writing = null;
    })();
  };
  return {
    finish(sent: SentDelivery) {
      finished.push(sent);
      if (writing) return; // the running write takes it next
      if (finished.length >= Math.max(1, concurrency / 2)) write();
      else timer ??= setTimeout(write, WRITE_DELAY_MS);
    },
    get busy() {
      return writing !== null || finished.length > 0;
    },
    /** Writes what is left and waits for it. */
    async flush() {
      if (finished.length > 0) write();
      await writing;
    },
  };
}

/**
 * Work beside delivery, never in its way: the retention sweep (payloads, attempt bodies and
 * Idempotency-Key records past their time; one sweep at a time, in small batches), carrying
 * on recover tasks whose process died, moving FIFO endpoints' queues on, and the notice
 * emails held back by the hourly cap.
 */
function housekeeping(signal: AbortSignal, onError: (error: unknown) => void) {
  const sweepMs = env().PIGEON_RETENTION_SWEEP_SECONDS * 1000;
  let sweptAt = Date.now();
  let resumedAt = 0;
  let fifoAt = 0;
  let digestsAt = 0;
  let sweeping: Promise<void> | null = null;
  let digesting: Promise<void> | null = null;
  return {
    async tick() {
      if (Date.now() - fifoAt > FIFO_SWEEP_MS) {
        fifoAt = Date.now();
        await promoteAllFifo(dbNow()).catch(onError);
      }
      if (Date.now() - resumedAt > RESUME_TASKS_MS) {
        resumedAt = Date.now();
        await resumeStaleRecoverTasks().catch(onError);
      }
      // In the background: an SMTP server that is slow to answer must not hold up claims.
      if (!digesting && Date.now() - digestsAt > DIGESTS_MS) {
        digestsAt = Date.now();
        digesting = sendDueDigests().then(
          () => {},
          (error) => onError(error),
        );
        void digesting.finally(() => (digesting = null));
      }
      if (!sweeping && Date.now() - sweptAt > sweepMs) {
        sweptAt = Date.now();
        sweeping = sweepExpired({ signal })
          .then((cleared) => {
            if (cleared.messages + cleared.attempts + cleared.idempotencyRecords > 0) log().info(cleared, "retention sweep");
          }, onError)
          .finally(() => (sweeping = null));
      }
    },
    settled: () => Promise.all([sweeping, digesting]),
  };
}

/**
 * How long to sleep: until the next retry falls due, but never past the poll interval. A
 * head of the queue whose endpoint is out of throttle tokens is due at its next window.
 */
async function idleMs(): Promise<number> {
  const next = await db.delivery.findFirst({
    where: { nextAttemptAt: { not: null } },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true, endpointId: true },
  });
  if (!next?.nextAttemptAt) return POLL_MS;
  const now = dbNow();
  const due = Math.max(next.nextAttemptAt.getTime(), throttledEndpoints(now).get(next.endpointId) ?? 0);
  return Math.min(POLL_MS, Math.max(10, due - now + 5));
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

interface EngineOptions {
  signal: AbortSignal;
  /**
   * Stop as soon as nothing is due and nothing is in flight (the route worker). Otherwise
   * the engine is long-running: it also listens for work from other processes and keeps house.
   */
  untilIdle?: boolean;
  onReport: (report: EngineReport) => void;
  onError: (error: unknown) => void;
}

/**
 * The pipeline: claim as many due deliveries as there are free slots (at least half of
 * them, so claims stay batches under load), send each, record them as they finish. When
 * nothing is due it waits for a wake-up or the next due retry. On abort it stops
 * claiming, lets the attempts in flight finish (each bounded by the attempt timeout) and
 * records them, then returns what it did.
 */
async function runEngine({ signal, untilIdle = false, onReport, onError }: EngineOptions): Promise<StepSummary> {
  const settings = env();
  const concurrency = settings.PIGEON_WORKER_CONCURRENCY;
  const refillAt = Math.max(1, Math.floor(concurrency / 2));
  const report = reporter(onReport);
  const leases = keepLeases(settings.PIGEON_LEASE_SECONDS, onError);
  // A recorded group may have made more due (a FIFO endpoint's next message): look again.
  const record = recorder(concurrency, report.add, onError, (group) => {
    leases.release(group);
    if (concurrency - inFlight >= refillAt) nudge();
  });
  const chores = untilIdle ? null : housekeeping(signal, onError);
  // Claims and leases are on the database's clock (db-clock.ts); measured before the first claim.
  await syncDbClock().catch(onError);
  const stopListening = untilIdle ? async () => {} : await listenForWork();
  // Slots per endpoint and organization (fair-share.ts); inFlight is their sum. Endpoints out
  // of throttle tokens have none until their next window.
  const slots = new InFlight(settings.PIGEON_ORG_MAX_IN_FLIGHT ?? Math.max(1, Math.ceil((concurrency * 3) / 4)), () => throttledEndpoints().keys());
  let inFlight = 0;
  let nudge = () => {};
  const send = (ready: ReadyDelivery, held: Candidate) => {
    inFlight++;
    slots.add(held);
    leases.hold(ready.delivery);
    sendReady(ready)
      .then(record.finish, (error) => {
        leases.release([ready]);
        onError(error);
      })
      .finally(() => {
        inFlight--;
        slots.remove(held);
        if (concurrency - inFlight >= refillAt) nudge();
      });
  };
  try {
    while (!signal.aborted) {
      await chores?.tick();
      let claimed = 0;
      if (concurrency - inFlight >= refillAt) {
        try {
          const claim = await claimDueDeliveries({ limit: concurrency - inFlight, leaseSeconds: settings.PIGEON_LEASE_SECONDS, inFlight: slots });
          claimed = claim.ids.length;
          const { ready, summary } = await prepareClaim(claim);
          report.add(summary);
          const picked = new Map(claim.picked.map((c) => [c.id, c]));
          for (const r of ready) send(r, picked.get(r.delivery.id)!);
        } catch (error) {
          onError(error);
        }
      }
      if (claimed > 0 && concurrency - inFlight >= refillAt) continue;
      if (untilIdle && claimed === 0 && inFlight === 0 && !record.busy) break;
      // Wait for free slots, new work or the next due retry.
      await idle(signal, inFlight > 0 ? POLL_MS : await idleMs().catch(() => POLL_MS), (fn) => (nudge = fn));
    }
    while (inFlight > 0) await idle(new AbortController().signal, POLL_MS, (fn) => (nudge = fn));
    await record.flush();
    await chores?.settled();
    report.flush();
    return report.total;
  } finally {
    leases.stop();
    await stopListening();
  }
}

/** The long-running worker: delivers until `signal` aborts (web server and `npm run worker`). */
export async function startWorker({ signal, onBatch = () => {}, onError = defaultOnError }: WorkerOptions): Promise<void> {
  await runEngine({ signal, onReport: onBatch, onError });
}

/** Delivers what is due until nothing is left or `seconds` have passed; for POST /api/worker. */
export async function drainFor(seconds: number): Promise<{ attempted: number; succeeded: number; failed: number }> {
  const { attempted, succeeded, failed } = await runEngine({
    signal: AbortSignal.timeout(seconds * 1000),
    untilIdle: true,
    onReport: () => {},
    onError: defaultOnError,
  });
  // A scheduler's calls are this door's only housekeeping: notice emails held back by the hourly cap go out here.
  await sendDueDigests().catch(defaultOnError);
  return { attempted, succeeded, failed };
}

function defaultOnError(error: unknown) {
  log().error({ err: errorField(error) }, "delivery worker error");
}
