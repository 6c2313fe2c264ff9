import type { Dispatcher } from "undici";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { afterAttempts, type AttemptsOutcome } from "@/lib/health/after-attempts";
import { log } from "@/lib/ops/log";
import { recordAttemptMetrics } from "@/lib/ops/metrics";
import { attemptRow } from "./attempt-row";
import { type Claim, type ClaimedDelivery, loadClaimed } from "./claim-due-deliveries";
import { type EndpointContext, endpointContexts } from "./endpoint-context";
import { type AttemptRow, type DeliveryUpdate, type EndpointCounts, recordAttempts } from "./record-attempts";
import { nextAttemptDelay, ZRetrySchedule } from "./retry-schedule";
import type { AttemptResult } from "./send-attempt";
import { sendToEndpoint } from "./send-to-endpoint";
import { type SigningKeys, signingKeys } from "./signing-keys";
import { throttle } from "./throttle";

// One batch of the engine in three steps, which the worker loop also runs one by one to
// keep its connections busy: prepare a claim (load it, pause what is disabled, defer what is
// over its throttle rate), send each ready delivery, settle the finished ones in one write.

export interface BatchSummary {
  claimed: number;
  attempted: number;
  succeeded: number;
  failed: number;
  paused: number;
  throttled: number;
}

export interface BatchOptions {
  concurrency?: number;
  timeoutMs?: number;
  schedule?: readonly number[];
  dispatcher?: Dispatcher;
}

/** A claimed delivery ready to send: its endpoint (with app and organization) and signing keys. */
export interface ReadyDelivery {
  delivery: ClaimedDelivery;
  endpoint: EndpointContext;
  signing: SigningKeys;
}

export interface SentDelivery extends ReadyDelivery {
  result: AttemptResult;
  at: Date;
}

export const emptySummary = (claimed = 0): BatchSummary => ({ claimed, attempted: 0, succeeded: 0, failed: 0, paused: 0, throttled: 0 });

function scheduleOf(...candidates: unknown[]): readonly number[] | undefined {
  for (const candidate of candidates) {
    if (candidate === null || candidate === undefined) continue;
    const parsed = ZRetrySchedule.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * Loads a claim's deliveries; those of disabled endpoints wait, paused, until the endpoint
 * is enabled again; those over their endpoint's throttle rate get a later turn (not an
 * attempt). Returns the rest, ready to send.
 */
export async function prepareClaim(claim: Claim): Promise<{ ready: ReadyDelivery[]; summary: BatchSummary }> {
  const summary = emptySummary(claim.ids.length);
  const deliveries = await loadClaimed(claim);
  if (deliveries.length === 0) return { ready: [], summary };
  const paused = deliveries.filter((d) => d.disabled);
  if (paused.length > 0) {
    const { count } = await db.delivery.updateMany({
      where: { id: { in: paused.map((d) => d.id) }, leaseToken: claim.leaseToken },
      data: { status: "paused", nextAttemptAt: null, leaseToken: null },
    });
    summary.paused = count;
  }
  const contexts = await endpointContexts(deliveries.filter((d) => !d.disabled));
  const enabled = deliveries.filter((d) => !d.disabled && contexts.has(d.endpointId));
  const { send, defer } = throttle(enabled, (d) => d.endpointId, (d) => contexts.get(d.endpointId)!.throttleRate ?? contexts.get(d.endpointId)!.app.throttleRate);
  for (const { item, at } of defer) {
    await db.delivery.updateMany({ where: { id: item.id, leaseToken: claim.leaseToken }, data: { status: "pending", nextAttemptAt: new Date(at), leaseToken: null } });
  }
  summary.throttled = defer.length;
  const endpoints = [...new Map(send.map((d) => [d.endpointId, contexts.get(d.endpointId)!])).values()];
  const keys = await signingKeys(endpoints, new Date());
  return { ready: send.map((delivery) => ({ delivery, endpoint: contexts.get(delivery.endpointId)!, signing: keys.get(delivery.endpointId)! })), summary };
}

/** One signed attempt of a ready delivery. */
export async function sendReady(ready: ReadyDelivery, options: BatchOptions = {}): Promise<SentDelivery> {
  const { delivery, endpoint, signing } = ready;
  const result = await sendToEndpoint({ id: delivery.messageId, payload: delivery.payload }, endpoint, signing, {
    timeoutMs: options.timeoutMs ?? env().PIGEON_ATTEMPT_TIMEOUT_MS,
    dispatcher: options.dispatcher,
  });
  return { ...ready, result, at: new Date() };
}

/**
 * Records finished attempts in one transaction (see recordAttempts): an Attempt row per
 * try, each delivery's next state from its retry schedule, the endpoint counters, 410s.
 * Then the health rule and notices run for the endpoints they touched.
 */
export async function settle(sent: readonly SentDelivery[], options: BatchOptions = {}): Promise<BatchSummary> {
  const summary = emptySummary();
  if (sent.length === 0) return summary;
  const settings = env();
  const now = new Date();
  const stats: EndpointCounts = new Map();
  const gone = new Set<string>();
  const messageEvents: AttemptsOutcome["messageEvents"] = [];
  const updates: DeliveryUpdate[] = [];
  const rows: AttemptRow[] = [];
  for (const { delivery, endpoint, result, at } of sent) {
    const number = delivery.attempts + 1;
    const row = attemptRow(delivery, result, { number, trigger: "scheduled", url: endpoint.url, at });
    rows.push(row);
    summary.attempted += 1;
    if (result.succeeded) summary.succeeded += 1;
    else summary.failed += 1;
    const stat = stats.get(delivery.endpointId) ?? { attempts: 0, failures: 0 };
    stat.attempts += 1;
    if (!result.succeeded) stat.failures += 1;
    stats.set(delivery.endpointId, stat);

    let next: Pick<DeliveryUpdate, "status" | "nextAttemptAt">;
    if (result.succeeded) {
      next = { status: "succeeded", nextAttemptAt: null };
    } else if (result.status === 410) {
      gone.add(delivery.endpointId);
      next = { status: "paused", nextAttemptAt: null };
    } else {
      const schedule = options.schedule ?? scheduleOf(endpoint.app.retrySchedule, endpoint.app.org.retrySchedule) ?? settings.PIGEON_RETRY_SCHEDULE;
      const delay = nextAttemptDelay({ schedule, attemptNumber: number, status: result.status ?? undefined, errorKind: result.errorKind ?? undefined, retryAfterSeconds: result.retryAfterSeconds });
      next = delay === null ? { status: "exhausted", nextAttemptAt: null } : { status: "pending", nextAttemptAt: now.getTime() + delay };
    }
    // A lost lease means another worker owns the row now; its outcome wins.
    updates.push({ id: delivery.id, leaseToken: delivery.leaseToken, ...next, attempts: number, lastStatusCode: result.status });
    // What operational webhooks report: out of retries, a 4th failure, success after failing.
    const type = next.status === "exhausted" ? "message.attempt.exhausted" : !result.succeeded && number === 4 ? "message.attempt.failing" : result.succeeded && number > 1 ? "message.attempt.recovered" : null;
    if (type) {
      messageEvents.push({
        type, orgId: endpoint.app.orgId, appId: delivery.appId, appUid: endpoint.app.uid, endpointId: endpoint.id, url: endpoint.url,
        messageId: delivery.messageId, eventId: delivery.eventId, eventType: delivery.eventType, attempts: number,
        lastAttempt: { id: row.id, timestamp: at, responseStatusCode: result.status ?? 0 },
      });
    }
  }
  const disabledNow = await recordAttempts({ at: now.getTime(), deliveries: updates, attempts: rows, stats, gone: [...gone] });
  logAttempts(sent, updates, rows);
  recordAttemptMetrics(sent.map(({ result }, i) => ({ ...result, trigger: "scheduled", finished: updates[i]!.status === "pending" ? null : updates[i]!.status })));
  const touched = new Map(sent.map((s) => [s.endpoint.id, s.endpoint]));
  await afterAttempts({
    endpoints: [...stats].map(([endpointId, stat]) => {
      const endpoint = touched.get(endpointId)!;
      return { endpoint, orgId: endpoint.app.orgId, app: endpoint.app, org: endpoint.app.org, ...stat };
    }),
    gone: disabledNow,
    messageEvents,
  });
  return summary;
}

/** A line per recorded attempt: failures at info (a delivery out of retries at warn), successes at debug. */
function logAttempts(sent: readonly SentDelivery[], updates: readonly DeliveryUpdate[], rows: readonly AttemptRow[]) {
  const logger = log();
  const debug = logger.isLevelEnabled("debug");
  sent.forEach(({ delivery, result }, i) => {
    if (result.succeeded && !debug) return;
    const update = updates[i]!;
    const fields = {
      msgId: delivery.messageId, deliveryId: delivery.id, endpointId: delivery.endpointId, attemptId: rows[i]!.id, attempt: update.attempts,
      status: result.status, errorKind: result.errorKind, ms: result.durationMs,
      next: update.nextAttemptAt === null ? update.status : new Date(update.nextAttemptAt).toISOString(),
    };
    if (result.succeeded) logger.debug(fields, "attempt succeeded");
    else if (update.status === "exhausted") logger.warn(fields, "delivery exhausted");
    else logger.info(fields, "attempt failed");
  });
}

/** Sends one attempt for each delivery of a claim and records them all. */
export async function runDeliveryBatch(claim: Claim, options: BatchOptions = {}): Promise<BatchSummary> {
  const { ready, summary } = await prepareClaim(claim);
  const sent = await mapLimit(ready, options.concurrency ?? env().PIGEON_WORKER_CONCURRENCY, (r) => sendReady(r, options));
  const settled = await settle(sent, options);
  return { ...settled, claimed: summary.claimed, paused: summary.paused, throttled: summary.throttled };
}
