import type { AuthContext } from "@/lib/auth/context";
import { findApplication } from "@/lib/apps/find-application";
import { db, type Prisma } from "@/lib/db";
import { idAtTime } from "@/lib/ids";
import { type SeriesRange, seriesWindow } from "@/lib/endpoints/get-endpoint-series";
import { percentile, sampleQuotas } from "./percentiles";

// The overview of an organization or of one application: what went wrong first (endpoints
// disabled or failing, messages that ran out of retries), then how much was sent and how
// well, the queue and how long attempts take. Every query is bounded; the comment on each
// says what it reads with 1M messages (about 1M deliveries and 1.5M attempts) a day.

/** Endpoints listed as in trouble, at most. */
const TROUBLE_LIMIT = 20;
const EXHAUSTED_LIMIT = 10;
/** Pending deliveries counted exactly up to this; beyond it the overview says "10,000+". */
const QUEUE_CAP = 10_000;
/** Attempts read for the duration percentiles, shared among the busiest endpoints. */
const DURATION_SAMPLE = 2_000;
const DURATION_ENDPOINTS = 50;
/** Failures in the last 24 h that put an endpoint on the trouble list (with a failure rate of at least 10 %). */
const FAILING_RATE = 0.1;

type Scope = { orgId: string; appId?: string };

const endpointScope = (scope: Scope): Prisma.EndpointWhereInput => (scope.appId ? { appId: scope.appId } : { app: { orgId: scope.orgId, operational: false } });

/** The organization's overview, or one application's when `appRef` is given (another organization's is "not found"). */
export async function getOverview(auth: AuthContext, range: SeriesRange, appRef?: string, now = new Date()) {
  const appId = appRef === undefined ? undefined : (await findApplication(auth, appRef)).id;
  return buildOverview({ orgId: auth.org.id, appId }, range, now);
}

async function buildOverview(scope: Scope, range: SeriesRange, now: Date) {
  const statWhere = (from: Date): Prisma.EndpointStatWhereInput => ({
    endpoint: endpointScope(scope),
    minute: { gte: from, lt: new Date(now.getTime() + 60_000) },
  });
  const window = seriesWindow(range, now);
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const appIds = scope.appId
    ? [scope.appId]
    : (await db.application.findMany({ where: { orgId: scope.orgId, operational: false }, select: { id: true } })).map((a) => a.id);

  const [perMinute, perEndpoint, flagged, queue, exhausted] = await Promise.all([
    // The chart: per-minute counters summed per minute. Reads one EndpointStat row per
    // endpoint and active minute of the range (the (endpointId, minute) key), never
    // messages or attempts: at most 1,440 rows per endpoint for 24 h, 10,080 for 7 d,
    // however many messages there were.
    db.endpointStat.groupBy({
      by: ["minute"],
      where: { endpoint: endpointScope(scope), minute: { gte: new Date(window.start), lt: new Date(window.end) } },
      _sum: { attempts: true, failures: true },
    }),
    // Each endpoint's last 24 h from the same counters (≤ 1,440 rows per endpoint): which
    // ones fail, and which are busiest for the duration sample.
    db.endpointStat.groupBy({ by: ["endpointId"], where: statWhere(dayAgo), _sum: { attempts: true, failures: true } }),
    // Endpoints disabled, or flagged as failing by the health rule: a scan of the scope's
    // endpoints (the (appId, id) index), thousands at most, not of messages.
    db.endpoint.findMany({
      where: { ...endpointScope(scope), OR: [{ disabled: true }, { failingSince: { not: null } }, { backoffUntil: { gt: now } }] },
      orderBy: [{ disabledAt: "desc" }, { id: "asc" }],
      take: TROUBLE_LIMIT,
      select: endpointSelect,
    }),
    queueState(appIds, now),
    recentExhausted(scope, appIds),
  ]);

  const bucketMs = window.bucketSeconds * 1000;
  const buckets = Array.from({ length: (window.end - window.start) / bucketMs }, (_, i) => ({
    start: new Date(window.start + i * bucketMs).toISOString(),
    success: 0,
    fail: 0,
  }));
  for (const row of perMinute) {
    const bucket = buckets[Math.floor((row.minute.getTime() - window.start) / bucketMs)];
    if (!bucket) continue;
    bucket.fail += row._sum.failures ?? 0;
    bucket.success += (row._sum.attempts ?? 0) - (row._sum.failures ?? 0);
  }
  const totals = buckets.reduce((sum, b) => ({ success: sum.success + b.success, fail: sum.fail + b.fail }), { success: 0, fail: 0 });

  const day = new Map(perEndpoint.map((row) => [row.endpointId, { attempts: row._sum.attempts ?? 0, failures: row._sum.failures ?? 0 }]));
  const failingIds = [...day]
    .filter(([id, s]) => s.failures > 0 && s.failures / s.attempts >= FAILING_RATE && !flagged.some((e) => e.id === id))
    .sort(([, a], [, b]) => b.failures / b.attempts - a.failures / a.attempts || b.failures - a.failures)
    .slice(0, Math.max(0, TROUBLE_LIMIT - flagged.length))
    .map(([id]) => id);
  const failing = failingIds.length ? await db.endpoint.findMany({ where: { id: { in: failingIds } }, select: endpointSelect }) : [];
  const trouble = [...flagged, ...failingIds.map((id) => failing.find((e) => e.id === id)!).filter(Boolean)]
    .map((endpoint) => troubleOf(endpoint, day.get(endpoint.id), now))
    .sort((a, b) => SEVERITY[a.state] - SEVERITY[b.state]);

  return {
    range,
    bucketSeconds: window.bucketSeconds,
    buckets,
    attempts: totals.success + totals.fail,
    successRate: totals.success + totals.fail ? totals.success / (totals.success + totals.fail) : null,
    troubledEndpoints: trouble,
    exhausted,
    queue,
    durations: await attemptDurations(day, now),
  };
}

const endpointSelect = {
  id: true,
  appId: true,
  url: true,
  uid: true,
  type: true,
  description: true,
  disabled: true,
  disabledReason: true,
  disabledDetail: true,
  disabledAt: true,
  failingSince: true,
  backoffUntil: true,
  app: { select: { name: true } },
} as const;
type TroubleEndpoint = Prisma.EndpointGetPayload<{ select: typeof endpointSelect }>;

const SEVERITY = { disabled: 0, failing: 1, backedOff: 2 } as const;

function troubleOf(endpoint: TroubleEndpoint, day: { attempts: number; failures: number } | undefined, now: Date) {
  const rate =
    day && day.attempts ? `${Math.round((day.failures / day.attempts) * 100)}% of ${day.attempts.toLocaleString("en")} attempts failed in 24 h` : null;
  const state: keyof typeof SEVERITY = endpoint.disabled
    ? "disabled"
    : endpoint.backoffUntil && endpoint.backoffUntil > now && !endpoint.failingSince
      ? "backedOff"
      : "failing";
  const reason =
    state === "disabled"
      ? endpoint.disabledReason === "manual" && endpoint.disabledDetail
        ? endpoint.disabledDetail.charAt(0).toUpperCase() + endpoint.disabledDetail.slice(1)
        : [DISABLED_REASON[endpoint.disabledReason ?? ""] ?? "Disabled", endpoint.disabledDetail].filter(Boolean).join(": ")
      : state === "backedOff"
        ? "Its attempts keep timing out; Pigeon is backing off"
        : (rate ?? "Failing");
  return {
    id: endpoint.id,
    appId: endpoint.appId,
    appName: endpoint.app.name,
    url: endpoint.url,
    uid: endpoint.uid,
    type: endpoint.type,
    state,
    reason,
    since: endpoint.disabledAt ?? endpoint.failingSince ?? null,
    attempts24h: day?.attempts ?? 0,
    failures24h: day?.failures ?? 0,
  };
}

const DISABLED_REASON: Record<string, string> = {
  automatic: "Disabled automatically",
  gone: "Disabled: the endpoint answered 410 Gone",
  manual: "Disabled by a person",
};

/**
 * Pending deliveries and the oldest one still waiting. The count reads the (appId, status,
 * messageId) index, stopping at QUEUE_CAP + 1 entries (at 1M a day with a dead receiver,
 * 10,001 index entries, not the backlog). The oldest is one index seek per application
 * and state (its first entry by message id), so the cost grows with applications, not
 * messages.
 */
async function queueState(appIds: string[], now: Date) {
  if (appIds.length === 0) return { pending: 0, capped: false, oldest: null };
  const pending = await db.delivery.count({ where: { appId: { in: appIds }, status: { in: ["pending", "sending"] } }, take: QUEUE_CAP + 1 });
  let oldest: { messageId: string; endpointId: string; appId: string; nextAttemptAt: Date | null; attempts: number; message: { createdAt: Date } } | null =
    null;
  for (let i = 0; i < appIds.length && pending > 0; i += 50) {
    const heads = await Promise.all(
      appIds.slice(i, i + 50).flatMap((appId) =>
        (["pending", "sending"] as const).map((status) =>
          db.delivery.findFirst({
            where: { appId, status },
            orderBy: { messageId: "asc" },
            select: { messageId: true, endpointId: true, appId: true, nextAttemptAt: true, attempts: true, message: { select: { createdAt: true } } },
          }),
        ),
      ),
    );
    for (const head of heads) if (head && (!oldest || head.messageId < oldest.messageId)) oldest = head;
  }
  return {
    pending: Math.min(pending, QUEUE_CAP),
    capped: pending > QUEUE_CAP,
    // Its age: since its message was accepted.
    oldest: oldest && {
      messageId: oldest.messageId,
      endpointId: oldest.endpointId,
      appId: oldest.appId,
      attempts: oldest.attempts,
      nextAttemptAt: oldest.nextAttemptAt,
      ageSeconds: Math.max(0, Math.round((now.getTime() - oldest.message.createdAt.getTime()) / 1000)),
    },
  };
}

/**
 * The newest messages that ran out of retries. For one application: its exhausted
 * deliveries, newest message first, from the (appId, status, messageId) index (10 entries).
 * For the organization: the exhausted-message notices (one per endpoint and hour, the
 * (orgId, kind, id) index, 10 rows), which name the latest messages they fold.
 */
async function recentExhausted(scope: Scope, appIds: string[]) {
  if (scope.appId) {
    const rows = await db.delivery.findMany({
      where: { appId: scope.appId, status: "exhausted" },
      orderBy: { messageId: "desc" },
      take: EXHAUSTED_LIMIT,
      select: {
        messageId: true,
        endpointId: true,
        appId: true,
        attempts: true,
        lastStatusCode: true,
        lastAttemptAt: true,
        message: { select: { eventType: true } },
      },
    });
    return rows.map((d) => ({
      messageId: d.messageId,
      appId: d.appId,
      endpointId: d.endpointId,
      eventType: d.message.eventType,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      at: d.lastAttemptAt,
      count: 1,
    }));
  }
  if (appIds.length === 0) return [];
  const notices = await db.notice.findMany({
    where: { orgId: scope.orgId, kind: "message.attempt.exhausted", appId: { in: appIds } },
    orderBy: { id: "desc" },
    take: EXHAUSTED_LIMIT,
    select: { appId: true, endpointId: true, messageId: true, count: true, lastAt: true, createdAt: true, data: true },
  });
  return notices.map((n) => {
    const data = (n.data ?? {}) as { lastMessageId?: string; lastEventType?: string };
    return {
      messageId: data.lastMessageId ?? n.messageId ?? "",
      appId: n.appId ?? "",
      endpointId: n.endpointId ?? "",
      eventType: data.lastEventType ?? null,
      attempts: null,
      lastStatusCode: null,
      at: n.lastAt ?? n.createdAt,
      count: n.count,
    };
  });
}

/**
 * p50 and p95 of attempt durations over the last 24 h, from a sample: the newest
 * attempts of the busiest DURATION_ENDPOINTS endpoints, each in proportion to its share of
 * the attempts (DURATION_SAMPLE in all), read from the (endpointId, id) index — at most
 * 2,000 rows whatever the volume.
 */
async function attemptDurations(day: Map<string, { attempts: number }>, now: Date) {
  const busiest = [...day]
    .filter(([, s]) => s.attempts > 0)
    .sort(([, a], [, b]) => b.attempts - a.attempts)
    .slice(0, DURATION_ENDPOINTS);
  const quotas = sampleQuotas(
    busiest.map(([id, s]) => ({ id, count: s.attempts })),
    DURATION_SAMPLE,
  );
  const since = idAtTime("attempt", now.getTime() - 24 * 3600_000, "start");
  const samples = await Promise.all(
    quotas.map(({ id, take }) =>
      db.attempt.findMany({ where: { endpointId: id, id: { gte: since } }, orderBy: { id: "desc" }, take, select: { durationMs: true } }),
    ),
  );
  const durations = samples.flat().map((a) => a.durationMs);
  return { sampled: durations.length, p50: percentile(durations, 0.5), p95: percentile(durations, 0.95) };
}

export type Overview = Awaited<ReturnType<typeof buildOverview>>;
