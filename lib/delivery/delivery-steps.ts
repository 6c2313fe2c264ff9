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

/** A claimed delivery ready to send: its endpoint (with app, organization and settings) and signing keys. */
export interface ReadyDelivery {
  delivery: ClaimedDelivery;
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
export async function prepareClaim(claim: Pick<Claim, "ids" | "leaseToken" | "loaded">): Promise<{ ready: ReadyDelivery[]; summary: StepSummary }> {
  const summary = emptySummary(claim.ids.length);
  const deliveries = claim.loaded ?? (await loadClaimed(claim));
  if (deliveries.length === 0) return { ready: [], summary };
  const now = dbNow();
  summary.paused = await pauseClaimed(
    deliveries.filter((d) => d.disabled).map((d) => d.id),
    claim.leaseToken,
    now,
  );
  const contexts = await endpointContexts(deliveries.filter((d) => !d.disabled));
  const enabled = deliveries.filter((d) => !d.disabled && contexts.has(d.endpointId));
  // Throttle tokens are taken after the reads, so what they let through goes out at once: a token taken
  // near the end of its second and sent in the next would count in both.
  const keys = await signingKeys([...new Map(enabled.map((d) => [d.endpointId, contexts.get(d.endpointId)!])).values()], new Date(now));
  const { send, defer } = await throttle(
    enabled,
    (d) => d.endpointId,
    (d) => contexts.get(d.endpointId)!.throttleRate ?? contexts.get(d.endpointId)!.app.throttleRate,
  );
  await deferClaimed(
    defer.map(({ item, at }) => ({ id: item.id, until: at })),
    claim.leaseToken,
    now,
  );
  summary.throttled = defer.length;
  return { ready: send.map((delivery) => ({ delivery, endpoint: contexts.get(delivery.endpointId)!, signing: keys.get(delivery.endpointId)! })), summary };
}

/** One signed attempt of a ready delivery (through the process's guarded pool unless another is given). */
export async function sendReady(ready: ReadyDelivery, dispatcher?: Dispatcher): Promise<SentDelivery> {
  const { delivery, endpoint, signing } = ready;
  const result = await sendToEndpoint({ id: delivery.messageId, payload: delivery.payload }, endpoint, signing, {
    timeoutMs: env().PIGEON_ATTEMPT_TIMEOUT_MS,
    dispatcher,
  });
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
  for (const { delivery, endpoint, result, at } of sent) {
    const next = transition(
      { status: "sending", nextAttemptAt: null, attempts: delivery.attempts },
      { type: "attempted", trigger: "scheduled", outcome: result, schedule: endpoint.settings.retrySchedule, now },
    );
    const number = next.state.attempts;
    const row = attemptRow(delivery, result, { number, trigger: "scheduled", url: endpoint.url, at });
    rows.push(row);
    summary.attempted += 1;
    summary[result.succeeded ? "succeeded" : "failed"] += 1;
    const stat = stats.get(delivery.endpointId) ?? { attempts: 0, failures: 0 };
    stat.attempts += 1;
    if (!result.succeeded) stat.failures += 1;
    stats.set(delivery.endpointId, stat);
    if (next.endpointGone) gone.set(delivery.endpointId, at);
    const timedOut = timeouts.get(delivery.endpointId) ?? [];
    timedOut.push(result.errorKind === "timeout");
    timeouts.set(delivery.endpointId, timedOut);
    // Written only while the lease is still this claim's: otherwise another worker owns the row and its outcome wins.
    updates.push({
      id: delivery.id,
      leaseToken: delivery.leaseToken,
      status: next.state.status,
      nextAttemptAt: next.state.nextAttemptAt,
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
  // The circuit breaker needs a write only where an attempt timed out or a streak is to end.
  const streaks = new Map(sent.map(({ delivery }) => [delivery.endpointId, delivery.timeoutStreak]));
  for (const [endpointId, timedOut] of timeouts) if (!timedOut.includes(true) && streaks.get(endpointId) === 0) timeouts.delete(endpointId);
  const breakers = await recordAttempts({ at: now, deliveries: updates, attempts: rows, stats, timeouts });
  logAttempts(sent, updates, rows);
  logBreakers(breakers);
  recordAttemptMetrics(sent.map(({ result }, i) => ({ ...result, trigger: "scheduled", finished: finishedAs(updates[i]!.status) })));
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
function logAttempts(sent: readonly SentDelivery[], updates: readonly DeliveryUpdate[], rows: readonly AttemptRow[]) {
  const logger = log();
  const debug = logger.isLevelEnabled("debug");
  sent.forEach(({ delivery, result }, i) => {
    if (result.succeeded && !debug) return;
    const update = updates[i]!;
    const fields = {
      msgId: delivery.messageId,
      deliveryId: delivery.id,
      endpointId: delivery.endpointId,
      attemptId: rows[i]!.id,
      attempt: update.attempts,
      status: result.status,
      errorKind: result.errorKind,
      ms: result.durationMs,
      next: update.nextAttemptAt === null ? update.status : new Date(update.nextAttemptAt).toISOString(),
    };
    if (result.succeeded) logger.debug(fields, "attempt succeeded");
    else if (update.status === "exhausted") logger.warn(fields, "delivery exhausted");
    else logger.info(fields, "attempt failed");
  });
}
