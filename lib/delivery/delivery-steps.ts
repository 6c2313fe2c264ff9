import type { Dispatcher } from "undici";
import { env } from "@/lib/env";
import { afterAttempts, type MessageEvent } from "@/lib/health/after-attempts";
import type { EndpointOutcome } from "@/lib/health/check-endpoint-health";
import { log } from "@/lib/ops/log";
import { recordAttemptMetrics } from "@/lib/ops/metrics";
import { attemptRow } from "./attempt-row";
import { type DeliveryStatus, transition } from "./delivery-state";
import { type EndpointContext, endpointContexts } from "./endpoint-context";
import type { AttemptResult } from "./send-attempt";
import { sendToEndpoint } from "./send-to-endpoint";
import { type SigningKeys, signingKeys } from "./signing-keys";
import { type Claim, type ClaimedDelivery, loadClaimed } from "./store/claim";
import { type AttemptRow, type BreakerChange, type DeliveryUpdate, type EndpointCounts, recordAttempts } from "./store/record-attempts";
import { deferClaimed, pauseClaimed } from "./store/update-deliveries";
import { type QueueShape, queueShape } from "./store/queue-order";
import { throttle } from "./throttle";
import { dbNow } from "@/lib/sql/db-clock";

// The engine's three steps, which the worker (worker.ts) runs as a pipeline: prepare a
// claim (load it, pause what belongs to a disabled endpoint, give what is over its
// throttle rate a later turn), send each ready delivery, settle finished ones in one write.

export interface StepSummary {
  claimed: number;
  attempted: number;
  succeeded: number;
  failed: number;
  paused: number;
  throttled: number;
}

/**
 * A claimed delivery ready to send: its endpoint (with app, organization and settings) and
 * signing keys; on a batching endpoint, the batch it leads (itself included, in message order).
 */
export interface ReadyDelivery {
  delivery: ClaimedDelivery;
  batch: ClaimedDelivery[] | null;
  endpoint: EndpointContext;
  signing: SigningKeys;
}

export interface SentDelivery extends ReadyDelivery {
  result: AttemptResult;
  at: Date;
}

export const emptySummary = (claimed = 0): StepSummary => ({ claimed, attempted: 0, succeeded: 0, failed: 0, paused: 0, throttled: 0 });

/**
 * Loads a claim's deliveries; those of disabled endpoints wait, paused, until the endpoint
 * is enabled and they are recovered; those over their endpoint's throttle rate get a later
 * turn (not an attempt). Returns the rest, ready to send.
 */
export async function prepareClaim(claim: Pick<Claim, "ids" | "leaseToken" | "loaded" | "leads">): Promise<{ ready: ReadyDelivery[]; summary: StepSummary }> {
  const summary = emptySummary(claim.ids.length);
  const deliveries = claim.loaded ?? (await loadClaimed(claim));
  const now = dbNow();
  summary.paused = await pauseClaimed(
    deliveries.filter((d) => d.disabled).map((d) => d.id),
    claim.leaseToken,
    now,
  );
  const contexts = await endpointContexts(deliveries.filter((d) => !d.disabled));
  const leads = new Set(claim.leads);
  const members = new Map<string, ClaimedDelivery[]>();
  for (const d of deliveries) if (d.batchId) members.set(d.batchId, [...(members.get(d.batchId) ?? []), d]);
  // A batch's lead stands for the batch: one request, one throttle token.
  const enabled = deliveries.filter((d) => !d.disabled && contexts.has(d.endpointId) && leads.has(d.id));
  // Throttle tokens are taken after the reads, so what they let through goes out at once: a token taken
  // near the end of its second and sent in the next would count in both.
  const keys = await signingKeys([...new Map(enabled.map((d) => [d.endpointId, contexts.get(d.endpointId)!])).values()], new Date(now));
  const { send, defer } = await throttle(
    enabled,
    (d) => d.endpointId,
    (d) => contexts.get(d.endpointId)!.throttleRate ?? contexts.get(d.endpointId)!.app.throttleRate,
  );
  // A batch waits with its lead: the lead takes the later turn, the members wait on it.
  await deferClaimed(
    defer.flatMap(({ item, at }) => [
      { id: item.id, until: at },
      ...(item.batchId ? members.get(item.batchId)!.filter((d) => d.id !== item.id) : []).map((d) => ({ id: d.id, until: null })),
    ]),
    claim.leaseToken,
    now,
  );
  summary.throttled = defer.length;
  return {
    ready: send.map((delivery) => ({
      delivery,
      batch: delivery.batchId ? members.get(delivery.batchId)!.sort((a, b) => (a.messageId < b.messageId ? -1 : 1)) : null,
      endpoint: contexts.get(delivery.endpointId)!,
      signing: keys.get(delivery.endpointId)!,
    })),
    summary,
  };
}

/** One signed attempt of a ready delivery or batch (through the process's guarded pool unless another is given). */
export async function sendReady(ready: ReadyDelivery, dispatcher?: Dispatcher): Promise<SentDelivery> {
  const { delivery, batch, endpoint, signing } = ready;
  const message = batch ? { id: delivery.batchId!, payload: batchBody(batch) } : { id: delivery.messageId, payload: delivery.payload };
  const result = await sendToEndpoint(message, endpoint, signing, { timeoutMs: env().PIGEON_ATTEMPT_TIMEOUT_MS, dispatcher });
  return { ...ready, result, at: new Date(dbNow()) };
}

/**
 * Records finished attempts in one transaction: an Attempt row per try and each delivery's
 * next state (delivery-state.ts: from its application's retry schedule), the endpoint
 * counters. Then endpoints that answered 410 are disabled and the disable rule runs.
 */
export async function settle(sent: readonly SentDelivery[]): Promise<StepSummary> {
  const summary = emptySummary();
  if (sent.length === 0) return summary;
  const now = dbNow();
  const stats: EndpointCounts = new Map();
  const gone = new Map<string, Date>();
  const messageEvents: MessageEvent[] = [];
  const updates: DeliveryUpdate[] = [];
  const rows: AttemptRow[] = [];
  const timeouts = new Map<string, boolean[]>();
  const fifo = new Map<string, QueueShape>();
  const results: AttemptResult[] = [];
  for (const { delivery: lead, batch, endpoint, result, at } of sent) {
    // A batch's deliveries share its outcome and its next turn; the lead carries the turn.
    const next = transition(
      { status: "sending", nextAttemptAt: null, attempts: lead.attempts },
      { type: "attempted", trigger: "scheduled", outcome: result, schedule: endpoint.settings.retrySchedule, now },
    );
    if (next.endpointGone) gone.set(lead.endpointId, at);
    const timedOut = timeouts.get(lead.endpointId) ?? [];
    timedOut.push(result.errorKind === "timeout");
    timeouts.set(lead.endpointId, timedOut);
    if (endpoint.ordering === "fifo")
      fifo.set(endpoint.id, queueShape({ endpointId: endpoint.id, ...endpoint, batchSize: endpoint.batchMaxSize, batchWait: endpoint.batchMaxWaitMs }));
    const stat = stats.get(lead.endpointId) ?? { attempts: 0, failures: 0 };
    stats.set(lead.endpointId, stat);
    for (const delivery of batch ?? [lead]) {
      const number = delivery.attempts + 1;
      const row = attemptRow(delivery, result, { number, trigger: "scheduled", url: endpoint.url, at, batchId: batch ? lead.batchId : null });
      rows.push(row);
      results.push(result);
      summary.attempted += 1;
      summary[result.succeeded ? "succeeded" : "failed"] += 1;
      stat.attempts += 1;
      if (!result.succeeded) stat.failures += 1;
      // Written only while the lease is still this claim's: otherwise another worker owns the row and its outcome wins.
      updates.push({
        id: delivery.id,
        leaseToken: delivery.leaseToken,
        status: next.state.status,
        nextAttemptAt: delivery === lead ? next.state.nextAttemptAt : null,
        attempts: number,
        lastStatusCode: result.status,
      });
      if (next.message) {
        messageEvents.push({
          type: next.message,
          orgId: endpoint.app.orgId,
          appId: delivery.appId,
          appUid: endpoint.app.uid,
          endpointId: endpoint.id,
          url: endpoint.url,
          messageId: delivery.messageId,
          eventId: delivery.eventId,
          eventType: delivery.eventType,
          attempts: number,
          lastAttempt: { id: row.id, timestamp: at, responseStatusCode: result.status ?? 0 },
        });
      }
    }
  }
  // The circuit breaker needs a write only where an attempt timed out or a streak is to end.
  const streaks = new Map(sent.map(({ delivery }) => [delivery.endpointId, delivery.timeoutStreak]));
  for (const [endpointId, timedOut] of timeouts) if (!timedOut.includes(true) && streaks.get(endpointId) === 0) timeouts.delete(endpointId);
  const breakers = await recordAttempts({ at: now, deliveries: updates, attempts: rows, stats, timeouts, fifo: [...fifo.values()] });
  logAttempts(rows, updates);
  let i = 0;
  logBreakers(breakers);
  recordAttemptMetrics(
    sent.flatMap(({ delivery, batch, result }) =>
      (batch ?? [delivery]).map(() => ({ ...result, trigger: "scheduled" as const, finished: finishedAs(updates[i++]!.status) })),
    ),
  );
  const touched = new Map(sent.map((s) => [s.endpoint.id, s.endpoint]));
  await afterAttempts({
    endpoints: [...stats].map(([endpointId, stat]) => endpointOutcome(touched.get(endpointId)!, stat)),
    gone: [...gone].map(([endpointId, at]) => ({ endpointId, at })),
    messageEvents,
  });
  return summary;
}

/** The final state a delivery reached, for the metrics; null while it goes on. */
const finishedAs = (status: DeliveryStatus) => (status === "succeeded" || status === "exhausted" || status === "paused" ? status : null);

/** What the health rule needs of an endpoint whose attempts were just recorded. */
export function endpointOutcome(endpoint: EndpointContext, stat: { attempts: number; failures: number }): EndpointOutcome {
  return { endpoint, orgId: endpoint.app.orgId, rule: endpoint.settings.rule, ...stat };
}

/** A line when an endpoint is backed off (its circuit breaker opens) or answers again. */
function logBreakers(changes: readonly BreakerChange[]) {
  for (const { endpointId, timeoutStreak, backoffUntil } of changes) {
    if (backoffUntil === null) log().info({ endpointId }, "endpoint answering again: its circuit breaker closed");
    else
      log().warn({ endpointId, timeouts: timeoutStreak, probeAt: new Date(backoffUntil).toISOString() }, "endpoint backed off: its attempts keep timing out");
  }
}

/** A line per recorded attempt: failures at info (a delivery out of retries at warn), successes at debug. */
function logAttempts(rows: readonly AttemptRow[], updates: readonly DeliveryUpdate[]) {
  const logger = log();
  const debug = logger.isLevelEnabled("debug");
  rows.forEach((row, i) => {
    if (row.succeeded && !debug) return;
    const update = updates[i]!;
    const fields = {
      msgId: row.messageId,
      deliveryId: row.deliveryId,
      endpointId: row.endpointId,
      attemptId: row.id,
      ...(row.batchId ? { batchId: row.batchId } : {}),
      attempt: update.attempts,
      status: row.responseStatus,
      errorKind: row.errorKind,
      ms: row.durationMs,
      next: update.nextAttemptAt === null ? update.status : new Date(update.nextAttemptAt).toISOString(),
    };
    if (row.succeeded) logger.debug(fields, "attempt succeeded");
    else if (update.status === "exhausted") logger.warn(fields, "delivery exhausted");
    else logger.info(fields, "attempt failed");
  });
}

/**
 * A batch's body: a JSON array of its messages, each `{id, eventType, timestamp, payload}`
 * with the payload's stored bytes as they are (re-serialising would change what is signed).
 */
export function batchBody(batch: readonly ClaimedDelivery[]): string {
  const entries = batch.map(
    (d) =>
      `{"id":${JSON.stringify(d.messageId)},"eventType":${JSON.stringify(d.eventType)},"timestamp":${JSON.stringify(new Date(Number(d.messageAt)).toISOString())},"payload":${d.payload ?? "null"}}`,
  );
  return `[${entries.join(",")}]`;
}
