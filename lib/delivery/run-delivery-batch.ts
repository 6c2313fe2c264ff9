import type { Dispatcher } from "undici";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { attemptRow } from "./attempt-row";
import type { Claim } from "./claim-due-deliveries";
import { nextAttemptDelay, ZRetrySchedule } from "./retry-schedule";
import { type EndpointCounts, minuteOf, recordEndpointStats } from "./record-endpoint-stats";
import type { AttemptResult } from "./send-attempt";
import { sendToEndpoint } from "./send-to-endpoint";
import { signingKeys } from "./signing-keys";
import { throttle } from "./throttle";
import { disableGoneEndpoint } from "./disable-gone-endpoint";
import { afterAttempts, type AttemptsOutcome } from "@/lib/health/after-attempts";

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
 * Sends one attempt for each claimed delivery and records the outcome in one transaction:
 * an Attempt row per try, the delivery's next state (only while the lease is still ours),
 * per-minute endpoint counters, and, on HTTP 410, the endpoint disabled as gone.
 */
export async function runDeliveryBatch(claim: Claim, options: BatchOptions = {}): Promise<BatchSummary> {
  const summary: BatchSummary = { claimed: claim.ids.length, attempted: 0, succeeded: 0, failed: 0, paused: 0, throttled: 0 };
  if (claim.ids.length === 0) return summary;
  const settings = env();
  const deliveries = await db.delivery.findMany({
    where: { id: { in: claim.ids }, leaseToken: claim.leaseToken },
    include: { message: true, endpoint: { include: { app: { include: { org: true } } } } },
  });

  // Deliveries of disabled endpoints wait, paused, until the endpoint is enabled again.
  const paused = deliveries.filter((d) => d.endpoint.disabled);
  if (paused.length > 0) {
    const { count } = await db.delivery.updateMany({
      where: { id: { in: paused.map((d) => d.id) }, leaseToken: claim.leaseToken },
      data: { status: "paused", nextAttemptAt: null, leaseToken: null },
    });
    summary.paused = count;
  }
  const enabled = deliveries.filter((d) => !d.endpoint.disabled);
  // Over an endpoint's throttle rate: not an attempt, just a later turn.
  const { send: active, defer } = throttle(enabled, (d) => d.endpointId, (d) => d.endpoint.throttleRate ?? d.endpoint.app.throttleRate);
  for (const { item, at } of defer) {
    await db.delivery.updateMany({ where: { id: item.id, leaseToken: claim.leaseToken }, data: { status: "pending", nextAttemptAt: new Date(at), leaseToken: null } });
  }
  summary.throttled = defer.length;
  const endpoints = [...new Map(active.map((d) => [d.endpoint.id, d.endpoint])).values()];
  const keys = await signingKeys(endpoints, new Date());

  const results = await mapLimit(active, options.concurrency ?? settings.PIGEON_WORKER_CONCURRENCY, async (delivery): Promise<AttemptResult> => {
    return sendToEndpoint({ id: delivery.messageId, payload: delivery.message.payload }, delivery.endpoint, keys.get(delivery.endpointId) ?? [], {
      timeoutMs: options.timeoutMs ?? settings.PIGEON_ATTEMPT_TIMEOUT_MS,
      dispatcher: options.dispatcher,
    });
  });

  const now = new Date();
  const minute = minuteOf(now);
  const stats: EndpointCounts = new Map();
  const gone = new Set<string>();
  const disabledNow: string[] = [];
  const messageEvents: AttemptsOutcome["messageEvents"] = [];
  const rows = active.map((delivery, index) =>
    attemptRow(delivery, results[index]!, { number: delivery.attempts + 1, trigger: "scheduled", url: delivery.endpoint.url, at: now }),
  );
  await db.$transaction(async (tx) => {
    for (const [index, delivery] of active.entries()) {
      const result = results[index]!;
      const number = delivery.attempts + 1;
      summary.attempted += 1;
      if (result.succeeded) summary.succeeded += 1;
      else summary.failed += 1;
      const stat = stats.get(delivery.endpointId) ?? { attempts: 0, failures: 0 };
      stat.attempts += 1;
      if (!result.succeeded) stat.failures += 1;
      stats.set(delivery.endpointId, stat);

      let next: { status: "succeeded" | "pending" | "exhausted" | "paused"; nextAttemptAt: Date | null };
      if (result.succeeded) {
        next = { status: "succeeded", nextAttemptAt: null };
      } else if (result.status === 410) {
        gone.add(delivery.endpointId);
        next = { status: "paused", nextAttemptAt: null };
      } else {
        const schedule = options.schedule ?? scheduleOf(delivery.endpoint.app.retrySchedule, delivery.endpoint.app.org.retrySchedule) ?? settings.PIGEON_RETRY_SCHEDULE;
        const delay = nextAttemptDelay({
          schedule,
          attemptNumber: number,
          status: result.status ?? undefined,
          errorKind: result.errorKind ?? undefined,
          retryAfterSeconds: result.retryAfterSeconds,
        });
        next = delay === null ? { status: "exhausted", nextAttemptAt: null } : { status: "pending", nextAttemptAt: new Date(now.getTime() + delay) };
      }
      // What operational webhooks report: out of retries, a 4th failure, success after failing.
      const type = next.status === "exhausted" ? "message.attempt.exhausted" : !result.succeeded && number === 4 ? "message.attempt.failing" : result.succeeded && number > 1 ? "message.attempt.recovered" : null;
      if (type) {
        const { endpoint, message } = delivery;
        messageEvents.push({
          type, orgId: endpoint.app.orgId, appId: delivery.appId, appUid: endpoint.app.uid, endpointId: endpoint.id, url: endpoint.url,
          messageId: message.id, eventId: message.eventId, eventType: message.eventType, attempts: number,
          lastAttempt: { id: rows[index]!.id, timestamp: now, responseStatusCode: result.status ?? 0 },
        });
      }
      // A lost lease means another worker owns the row now; its outcome wins.
      await tx.delivery.updateMany({
        where: { id: delivery.id, leaseToken: claim.leaseToken },
        data: { ...next, attempts: number, leaseToken: null, lastAttemptAt: now, lastStatusCode: result.status },
      });
    }
    await tx.attempt.createMany({ data: rows });
    await recordEndpointStats(tx, minute, stats);
    for (const endpointId of gone) if (await disableGoneEndpoint(tx, endpointId, now)) disabledNow.push(endpointId);
  });
  const touched = new Map(active.map((d) => [d.endpointId, d.endpoint]));
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
