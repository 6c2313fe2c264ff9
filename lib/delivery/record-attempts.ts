import { Prisma } from "@/lib/db";
import { type PostgresSql, type SqliteSql, sql } from "@/lib/sql/connection";
import type { attemptRow } from "./attempt-row";

// Recording attempts is the engine's hottest write: one transaction per group of finished
// attempts holds their Attempt rows, each delivery's next state (only while the lease it
// was claimed under is still its own), the per-minute endpoint counters and, on HTTP 410,
// the endpoint disabled as gone. Plain SQL; on PostgreSQL one statement per table.

export type AttemptRow = ReturnType<typeof attemptRow>;
export type EndpointCounts = Map<string, { attempts: number; failures: number }>;

/** A scheduled attempt's outcome for its delivery. */
export interface DeliveryUpdate {
  id: string;
  leaseToken: string;
  status: "succeeded" | "pending" | "exhausted" | "paused";
  nextAttemptAt: number | null;
  attempts: number;
  lastStatusCode: number | null;
}

export interface AttemptsWrite {
  at: number;
  /** Scheduled attempts: each delivery's next state. */
  deliveries: DeliveryUpdate[];
  /** A manual attempt of this delivery: never rescheduled; its number follows the delivery's count. */
  manual?: { deliveryId: string; succeeded: boolean };
  attempts: AttemptRow[];
  stats: EndpointCounts;
  /** Endpoints that answered 410 Gone. */
  gone: string[];
}

export const minuteOf = (ms: number) => Math.floor(ms / 60_000) * 60_000;

const json = (value: unknown) => (value === Prisma.DbNull || value === null || value === undefined ? null : JSON.stringify(value));
const goneDetail = (at: number) => `The endpoint answered HTTP 410 Gone at ${new Date(at).toISOString()}`;
// Sorted, so concurrent writers lock the counter rows in one order.
const sortedStats = (stats: EndpointCounts) => [...stats].sort(([a], [b]) => (a < b ? -1 : 1));

// A manual attempt: success finishes the delivery; a failure leaves its schedule (or final
// state) as it was and finishes one that had none. `$2` is 1 on success.
const MANUAL = (ts: (p: string) => string) => `UPDATE "Delivery" SET
    "status" = CASE WHEN $2 = 1 THEN 'succeeded' WHEN "status" = 'pending' AND "nextAttemptAt" IS NULL THEN 'exhausted' ELSE "status" END,
    "nextAttemptAt" = CASE WHEN $2 = 1 THEN NULL ELSE "nextAttemptAt" END,
    "leaseToken" = CASE WHEN $2 = 1 THEN NULL ELSE "leaseToken" END,
    "attempts" = "attempts" + 1, "lastAttemptAt" = ${ts("$3")}, "lastStatusCode" = $4, "updatedAt" = ${ts("$3")}
  WHERE "id" = $1 RETURNING "attempts"`;
const GONE_ENDPOINT = (ts: (p: string) => string) => `UPDATE "Endpoint" SET "disabled" = true, "disabledReason" = 'gone', "disabledAt" = ${ts("$2")}, "disabledDetail" = $3, "updatedAt" = ${ts("$2")}
  WHERE "id" = $1 AND "disabled" = false RETURNING "id"`;
const GONE_DELIVERIES = `UPDATE "Delivery" SET "status" = 'paused', "nextAttemptAt" = NULL WHERE "endpointId" = $1 AND "status" = 'pending'`;

// SQLite: timestamps are epoch milliseconds, booleans 0/1, JSON is text.
const lite = (p: string) => p;
const SQLITE = {
  MANUAL: MANUAL(lite),
  DELIVERY: `UPDATE "Delivery" SET "status" = $3, "nextAttemptAt" = $4, "attempts" = $5, "leaseToken" = NULL, "lastAttemptAt" = $6, "lastStatusCode" = $7, "updatedAt" = $6
    WHERE "id" = $1 AND "leaseToken" = $2`,
  ATTEMPT: `INSERT INTO "Attempt" ("id", "deliveryId", "messageId", "endpointId", "appId", "number", "trigger", "succeeded", "url", "requestHeaders",
      "responseStatus", "responseHeaders", "responseBody", "durationMs", "errorKind", "errorMessage", "createdAt")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
  STAT: `INSERT INTO "EndpointStat" ("endpointId", "minute", "attempts", "failures") VALUES ($1, $2, $3, $4)
    ON CONFLICT ("endpointId", "minute") DO UPDATE SET "attempts" = "attempts" + excluded."attempts", "failures" = "failures" + excluded."failures"`,
  GONE_ENDPOINT: GONE_ENDPOINT(lite),
  GONE_DELIVERIES,
};

// PostgreSQL: epoch milliseconds become timestamp(3) in UTC; arrays through unnest, so each table is one statement.
const pgTime = (p: string) => `(to_timestamp(${p}::float8 / 1000) AT TIME ZONE 'UTC')`;
const POSTGRES = {
  MANUAL: MANUAL(pgTime),
  DELIVERIES: `UPDATE "Delivery" AS d SET "status" = u.status::"DeliveryStatus",
      "nextAttemptAt" = to_timestamp(u.next / 1000) AT TIME ZONE 'UTC', "attempts" = u.attempts, "leaseToken" = NULL,
      "lastAttemptAt" = ${pgTime("$7")}, "lastStatusCode" = u.code, "updatedAt" = ${pgTime("$7")}
    FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::int[], $6::int[]) AS u(id, lease, status, next, attempts, code)
    WHERE d."id" = u.id AND d."leaseToken" = u.lease`,
  ATTEMPTS: `INSERT INTO "Attempt" ("id", "deliveryId", "messageId", "endpointId", "appId", "number", "trigger", "succeeded", "url", "requestHeaders",
      "responseStatus", "responseHeaders", "responseBody", "durationMs", "errorKind", "errorMessage", "createdAt")
    SELECT id, delivery, message, endpoint, app, number, trigger::"AttemptTrigger", succeeded, url, request::jsonb,
      status, response::jsonb, body, duration, kind, error, to_timestamp(at / 1000) AT TIME ZONE 'UTC'
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::bool[], $9::text[], $10::text[],
      $11::int[], $12::text[], $13::text[], $14::int[], $15::text[], $16::text[], $17::float8[])
      AS a(id, delivery, message, endpoint, app, number, trigger, succeeded, url, request, status, response, body, duration, kind, error, at)`,
  STATS: `INSERT INTO "EndpointStat" ("endpointId", "minute", "attempts", "failures")
    SELECT endpoint, ${pgTime("$2")}, attempts, failures FROM unnest($1::text[], $3::int[], $4::int[]) AS s(endpoint, attempts, failures)
    ON CONFLICT ("endpointId", "minute") DO UPDATE SET "attempts" = "EndpointStat"."attempts" + excluded."attempts", "failures" = "EndpointStat"."failures" + excluded."failures"`,
  GONE_ENDPOINT: GONE_ENDPOINT(pgTime),
  GONE_DELIVERIES,
};

function writeSqlite(db: SqliteSql, w: AttemptsWrite): string[] {
  if (w.manual) {
    const row = db.get<{ attempts: number }>(SQLITE.MANUAL, w.manual.deliveryId, w.manual.succeeded ? 1 : 0, w.at, w.attempts[0]?.responseStatus ?? null);
    if (!row) return [];
    w.attempts[0]!.number = row.attempts;
  }
  for (const d of w.deliveries) db.run(SQLITE.DELIVERY, d.id, d.leaseToken, d.status, d.nextAttemptAt, d.attempts, w.at, d.lastStatusCode);
  for (const a of w.attempts) {
    db.run(SQLITE.ATTEMPT, a.id, a.deliveryId, a.messageId, a.endpointId, a.appId, a.number, a.trigger, a.succeeded ? 1 : 0, a.url, json(a.requestHeaders),
      a.responseStatus, json(a.responseHeaders), a.responseBody, a.durationMs, a.errorKind, a.errorMessage, a.createdAt.getTime());
  }
  for (const [endpointId, stat] of sortedStats(w.stats)) db.run(SQLITE.STAT, endpointId, minuteOf(w.at), stat.attempts, stat.failures);
  const disabled: string[] = [];
  for (const endpointId of w.gone) {
    if (db.get(SQLITE.GONE_ENDPOINT, endpointId, w.at, goneDetail(w.at))) disabled.push(endpointId);
    db.run(SQLITE.GONE_DELIVERIES, endpointId);
  }
  return disabled;
}

async function writePostgres(db: PostgresSql, w: AttemptsWrite): Promise<string[]> {
  if (w.manual) {
    const [row] = await db.query<{ attempts: number }>(POSTGRES.MANUAL, [w.manual.deliveryId, w.manual.succeeded ? 1 : 0, w.at, w.attempts[0]?.responseStatus ?? null]);
    if (!row) return [];
    w.attempts[0]!.number = row.attempts;
  }
  const ds = w.deliveries;
  if (ds.length > 0) {
    await db.query(POSTGRES.DELIVERIES, [ds.map((d) => d.id), ds.map((d) => d.leaseToken), ds.map((d) => d.status), ds.map((d) => d.nextAttemptAt), ds.map((d) => d.attempts), ds.map((d) => d.lastStatusCode), w.at]);
  }
  const as = w.attempts;
  if (as.length > 0) {
    const column = <T>(pick: (a: AttemptRow) => T) => as.map(pick);
    await db.query(POSTGRES.ATTEMPTS, [
      column((a) => a.id), column((a) => a.deliveryId), column((a) => a.messageId), column((a) => a.endpointId), column((a) => a.appId),
      column((a) => a.number), column((a) => a.trigger), column((a) => a.succeeded), column((a) => a.url), column((a) => json(a.requestHeaders)),
      column((a) => a.responseStatus), column((a) => json(a.responseHeaders)), column((a) => a.responseBody), column((a) => a.durationMs),
      column((a) => a.errorKind), column((a) => a.errorMessage), column((a) => a.createdAt.getTime()),
    ]);
  }
  const stats = sortedStats(w.stats);
  if (stats.length > 0) {
    await db.query(POSTGRES.STATS, [stats.map(([id]) => id), minuteOf(w.at), stats.map(([, s]) => s.attempts), stats.map(([, s]) => s.failures)]);
  }
  const disabled: string[] = [];
  for (const endpointId of w.gone) {
    if ((await db.query(POSTGRES.GONE_ENDPOINT, [endpointId, w.at, goneDetail(w.at)])).length > 0) disabled.push(endpointId);
    await db.query(POSTGRES.GONE_DELIVERIES, [endpointId]);
  }
  return disabled;
}

/** Records attempts and their consequences in one transaction; returns the endpoints this disabled (410 Gone). */
export async function recordAttempts(w: AttemptsWrite): Promise<string[]> {
  const connection = sql();
  return connection.kind === "sqlite" ? connection.write((db) => writeSqlite(db, w)) : connection.write((db) => writePostgres(db, w));
}
