import { type PostgresSql, type SqliteSql, sql } from "@/lib/sql/connection";
import { sqliteJob } from "@/lib/sql/sqlite-thread";
import { runPostgresSteps, runSqliteSteps } from "@/lib/sql/steps";
import { promoteNext, type QueueShape } from "./queue-order";
import type { attemptRow } from "../attempt-row";
import { afterAttempts, type BreakerState } from "../circuit-breaker";
import { type AttemptOutcome, type DeliveryState, type DeliveryStatus, type Transition, transition } from "../delivery-state";

// Recording attempts is the engine's hottest write: one transaction per group of finished
// attempts holds their Attempt rows, each delivery's next state (only while the lease it
// was claimed under is still its own; paused instead of pending if its endpoint has been
// disabled meanwhile) and the per-minute endpoint counters. A manual
// attempt is recorded alone, its delivery's next state decided inside the transaction.
// Plain SQL; on PostgreSQL one statement per table.

export type AttemptRow = ReturnType<typeof attemptRow>;
export type EndpointCounts = Map<string, { attempts: number; failures: number }>;

/** A scheduled attempt's outcome for its delivery: its next state (delivery-state.ts). */
export interface DeliveryUpdate {
  id: string;
  leaseToken: string;
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  attempts: number;
  lastStatusCode: number | null;
}

export interface AttemptsWrite {
  at: number;
  /** Each delivery's next state. */
  deliveries: DeliveryUpdate[];
  attempts: AttemptRow[];
  stats: EndpointCounts;
  /** Per endpoint whose circuit breaker may change: its attempts in the order they finished, true where one timed out. */
  timeouts: Map<string, boolean[]>;
  /** FIFO endpoints among them: their next delivery may fall due (queue-order.ts). */
  fifo?: QueueShape[];
}

/** An endpoint whose circuit breaker opened or closed with this write. */
export interface BreakerChange extends BreakerState {
  endpointId: string;
}

export interface ManualAttemptWrite {
  at: number;
  deliveryId: string;
  outcome: AttemptOutcome;
  /** Its number is filled in here: the delivery's attempt count after it. */
  attempt: AttemptRow;
}

export const minuteOf = (ms: number) => Math.floor(ms / 60_000) * 60_000;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
// Sorted, so concurrent writers lock the counter rows in one order.
const sortedStats = (stats: EndpointCounts) => [...stats].sort(([a], [b]) => (a < b ? -1 : 1));

// A manual attempt: the delivery's state, read under a lock, and its next one (a success
// also drops a worker's lease, so an attempt in flight cannot undo it). $5 is 1 on success.
// A delivery waiting its turn (in a batch, on a FIFO endpoint) is not unscheduled.
const WAITING = `("batchId" IS NOT NULL OR (SELECT "ordering" FROM "Endpoint" WHERE "id" = "Delivery"."endpointId") = 'fifo')`;
const MANUAL_READ = {
  sqlite: `SELECT "status", "nextAttemptAt", "attempts", ${WAITING} AS "waiting" FROM "Delivery" WHERE "id" = $1`,
  postgres: `SELECT "status", floor(extract(epoch from "nextAttemptAt") * 1000)::float8 AS "nextAttemptAt", "attempts", ${WAITING} AS "waiting"
    FROM "Delivery" WHERE "id" = $1 FOR UPDATE`,
};
const MANUAL_WRITE = (ts: (p: string) => string) => `UPDATE "Delivery" SET "status" = $2, "nextAttemptAt" = ${ts("$3")}, "attempts" = $4,
    "leaseToken" = CASE WHEN $5 = 1 THEN NULL ELSE "leaseToken" END, "lastAttemptAt" = ${ts("$6")}, "lastStatusCode" = $7, "updatedAt" = ${ts("$6")}
  WHERE "id" = $1`;

// A delivery whose endpoint was disabled while its attempt was in flight (the disabling
// paused only what was waiting) takes that event too: pending → paused (delivery-state.ts).
const SQLITE_DISABLED = `(SELECT "disabled" FROM "Endpoint" WHERE "id" = "Delivery"."endpointId") = 1`;

// The circuit breaker (../circuit-breaker.ts), written only when it changes; updatedAt is
// left alone: it is the key of the engine's cached endpoint settings, which this is not.
const BREAKER = (ts: (p: string) => string) => `UPDATE "Endpoint" SET "timeoutStreak" = $2, "backoffUntil" = ${ts("$3")} WHERE "id" = $1`;
// backed_off (delivery-state.ts): the endpoint's waiting deliveries wait for the probe.
const BACK_OFF = (ts: (p: string) => string) => `UPDATE "Delivery" SET "nextAttemptAt" = ${ts("$2")}, "updatedAt" = ${ts("$3")}
  WHERE "endpointId" = $1 AND "status" = 'pending' AND "nextAttemptAt" < ${ts("$2")}`;

// SQLite: timestamps are epoch milliseconds, booleans 0/1, JSON is text.
const lite = (p: string) => p;
const SQLITE = {
  MANUAL_READ: MANUAL_READ.sqlite,
  DELIVERY: `UPDATE "Delivery" SET "status" = CASE WHEN $3 = 'pending' AND ${SQLITE_DISABLED} THEN 'paused' ELSE $3 END,
      "nextAttemptAt" = CASE WHEN $3 = 'pending' AND ${SQLITE_DISABLED} THEN NULL ELSE $4 END,
      "attempts" = $5, "leaseToken" = NULL, "lastAttemptAt" = $6, "lastStatusCode" = $7, "updatedAt" = $6
    WHERE "id" = $1 AND "leaseToken" = $2`,
  MANUAL_WRITE: MANUAL_WRITE(lite),
  ATTEMPT: `INSERT INTO "Attempt" ("id", "deliveryId", "messageId", "endpointId", "appId", "number", "trigger", "succeeded", "url", "requestHeaders",
      "responseStatus", "responseHeaders", "responseBody", "durationMs", "errorKind", "errorMessage", "createdAt", "batchId")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
  STAT: `INSERT INTO "EndpointStat" ("endpointId", "minute", "attempts", "failures") VALUES ($1, $2, $3, $4)
    ON CONFLICT ("endpointId", "minute") DO UPDATE SET "attempts" = "attempts" + excluded."attempts", "failures" = "failures" + excluded."failures"`,
  BREAKERS: `SELECT "id", "timeoutStreak", "backoffUntil" FROM "Endpoint" WHERE "id" IN (SELECT value FROM json_each($1))`,
  BREAKER: BREAKER(lite),
  BACK_OFF: BACK_OFF(lite),
};

// PostgreSQL: epoch milliseconds become timestamp(3) in UTC; arrays through unnest, so each table is one statement.
const pgTime = (p: string) => `(to_timestamp(${p}::float8 / 1000) AT TIME ZONE 'UTC')`;
const POSTGRES = {
  MANUAL_READ: MANUAL_READ.postgres,
  DELIVERIES: `UPDATE "Delivery" AS d SET "status" = (CASE WHEN u.status = 'pending' AND e."disabled" THEN 'paused' ELSE u.status END)::"DeliveryStatus",
      "nextAttemptAt" = CASE WHEN u.status = 'pending' AND e."disabled" THEN NULL ELSE to_timestamp(u.next / 1000) AT TIME ZONE 'UTC' END,
      "attempts" = u.attempts, "leaseToken" = NULL, "lastAttemptAt" = ${pgTime("$7")}, "lastStatusCode" = u.code, "updatedAt" = ${pgTime("$7")}
    FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::int[], $6::int[]) AS u(id, lease, status, next, attempts, code), "Endpoint" AS e
    WHERE d."id" = u.id AND d."leaseToken" = u.lease AND e."id" = d."endpointId"`,
  MANUAL_WRITE: MANUAL_WRITE(pgTime),
  ATTEMPTS: `INSERT INTO "Attempt" ("id", "deliveryId", "messageId", "endpointId", "appId", "number", "trigger", "succeeded", "url", "requestHeaders",
      "responseStatus", "responseHeaders", "responseBody", "durationMs", "errorKind", "errorMessage", "createdAt", "batchId")
    SELECT id, delivery, message, endpoint, app, number, trigger::"AttemptTrigger", succeeded, url, request::jsonb,
      status, response::jsonb, body, duration, kind, error, to_timestamp(at / 1000) AT TIME ZONE 'UTC', batch
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::bool[], $9::text[], $10::text[],
      $11::int[], $12::text[], $13::text[], $14::int[], $15::text[], $16::text[], $17::float8[], $18::text[])
      AS a(id, delivery, message, endpoint, app, number, trigger, succeeded, url, request, status, response, body, duration, kind, error, at, batch)`,
  BREAKERS: `SELECT "id", "timeoutStreak", floor(extract(epoch from "backoffUntil") * 1000)::float8 AS "backoffUntil"
    FROM "Endpoint" WHERE "id" = ANY($1::text[]) ORDER BY "id" FOR UPDATE`,
  BREAKER: BREAKER(pgTime),
  BACK_OFF: BACK_OFF(pgTime),
  STATS: `INSERT INTO "EndpointStat" ("endpointId", "minute", "attempts", "failures")
    SELECT endpoint, ${pgTime("$2")}, attempts, failures FROM unnest($1::text[], $3::int[], $4::int[]) AS s(endpoint, attempts, failures)
    ON CONFLICT ("endpointId", "minute") DO UPDATE SET "attempts" = "EndpointStat"."attempts" + excluded."attempts", "failures" = "EndpointStat"."failures" + excluded."failures"`,
};

/** SQLite, within a write transaction (a job of the write thread, lib/sql/sqlite-thread.ts). */
export function recordAttemptsSqlite(db: SqliteSql, w: AttemptsWrite): BreakerChange[] {
  for (const d of w.deliveries) db.run(SQLITE.DELIVERY, d.id, d.leaseToken, d.status, d.nextAttemptAt, d.attempts, w.at, d.lastStatusCode);
  insertAttemptsSqlite(db, w.attempts);
  for (const [endpointId, stat] of sortedStats(w.stats)) db.run(SQLITE.STAT, endpointId, minuteOf(w.at), stat.attempts, stat.failures);
  for (const shape of w.fifo ?? []) runSqliteSteps(db, promoteNext(false, shape, w.at));
  if (w.timeouts.size === 0) return [];
  const { changes, reported } = breakerChanges(db.all<BreakerRow>(SQLITE.BREAKERS, JSON.stringify([...w.timeouts.keys()])), w);
  for (const c of changes) {
    db.run(SQLITE.BREAKER, c.endpointId, c.timeoutStreak, c.backoffUntil);
    if (c.backoffUntil !== null) db.run(SQLITE.BACK_OFF, c.endpointId, c.backoffUntil, w.at);
  }
  return reported;
}

function insertAttemptsSqlite(db: SqliteSql, attempts: AttemptRow[]): void {
  for (const a of attempts) {
    db.run(
      SQLITE.ATTEMPT,
      a.id,
      a.deliveryId,
      a.messageId,
      a.endpointId,
      a.appId,
      a.number,
      a.trigger,
      a.succeeded ? 1 : 0,
      a.url,
      json(a.requestHeaders),
      a.responseStatus,
      json(a.responseHeaders),
      a.responseBody,
      a.durationMs,
      a.errorKind,
      a.errorMessage,
      a.createdAt.getTime(),
      a.batchId,
    );
  }
}

async function writePostgres(db: PostgresSql, w: AttemptsWrite): Promise<BreakerChange[]> {
  const ds = w.deliveries;
  if (ds.length > 0) {
    await db.query(POSTGRES.DELIVERIES, [
      ds.map((d) => d.id),
      ds.map((d) => d.leaseToken),
      ds.map((d) => d.status),
      ds.map((d) => d.nextAttemptAt),
      ds.map((d) => d.attempts),
      ds.map((d) => d.lastStatusCode),
      w.at,
    ]);
  }
  await insertAttemptsPostgres(db, w.attempts);
  const stats = sortedStats(w.stats);
  if (stats.length > 0) {
    await db.query(POSTGRES.STATS, [stats.map(([id]) => id), minuteOf(w.at), stats.map(([, s]) => s.attempts), stats.map(([, s]) => s.failures)]);
  }
  for (const shape of w.fifo ?? []) await runPostgresSteps(db, promoteNext(true, shape, w.at));
  if (w.timeouts.size === 0) return [];
  const { changes, reported } = breakerChanges(await db.query<BreakerRow>(POSTGRES.BREAKERS, [[...w.timeouts.keys()].sort()]), w);
  for (const c of changes) {
    await db.query(POSTGRES.BREAKER, [c.endpointId, c.timeoutStreak, c.backoffUntil]);
    if (c.backoffUntil !== null) await db.query(POSTGRES.BACK_OFF, [c.endpointId, c.backoffUntil, w.at]);
  }
  return reported;
}

interface BreakerRow {
  id: string;
  timeoutStreak: number;
  backoffUntil: number | null;
}

/**
 * The breakers this write changes, from their state as read under the transaction's lock,
 * and of those the ones worth a log line: opened (again) or closed.
 */
function breakerChanges(rows: readonly BreakerRow[], w: AttemptsWrite): { changes: BreakerChange[]; reported: BreakerChange[] } {
  const changes: BreakerChange[] = [];
  const reported: BreakerChange[] = [];
  for (const row of rows) {
    const before = { timeoutStreak: row.timeoutStreak, backoffUntil: row.backoffUntil === null ? null : Number(row.backoffUntil) };
    const after = afterAttempts(before, w.timeouts.get(row.id)!, w.at);
    if (after.timeoutStreak === before.timeoutStreak && after.backoffUntil === before.backoffUntil) continue;
    const change = { endpointId: row.id, ...after };
    changes.push(change);
    if (before.backoffUntil !== null || after.backoffUntil !== null) reported.push(change);
  }
  return { changes, reported };
}

async function insertAttemptsPostgres(db: PostgresSql, as: AttemptRow[]): Promise<void> {
  if (as.length === 0) return;
  const column = <T>(pick: (a: AttemptRow) => T) => as.map(pick);
  await db.query(POSTGRES.ATTEMPTS, [
    column((a) => a.id),
    column((a) => a.deliveryId),
    column((a) => a.messageId),
    column((a) => a.endpointId),
    column((a) => a.appId),
    column((a) => a.number),
    column((a) => a.trigger),
    column((a) => a.succeeded),
    column((a) => a.url),
    column((a) => json(a.requestHeaders)),
    column((a) => a.responseStatus),
    column((a) => json(a.responseHeaders)),
    column((a) => a.responseBody),
    column((a) => a.durationMs),
    column((a) => a.errorKind),
    column((a) => a.errorMessage),
    column((a) => a.createdAt.getTime()),
    column((a) => a.batchId),
  ]);
}

/** Inserts Attempt rows within a write transaction of either database. */
export function insertAttempts(db: SqliteSql, rows: AttemptRow[]): void;
export function insertAttempts(db: PostgresSql, rows: AttemptRow[]): Promise<void>;
export function insertAttempts(db: SqliteSql | PostgresSql, rows: AttemptRow[]): void | Promise<void> {
  return db.kind === "sqlite" ? insertAttemptsSqlite(db, rows) : insertAttemptsPostgres(db, rows);
}

/**
 * Records scheduled attempts, their deliveries' next states and the endpoints' counters and
 * circuit breakers in one transaction; returns the breakers that opened or closed.
 */
export async function recordAttempts(w: AttemptsWrite): Promise<BreakerChange[]> {
  const connection = sql();
  return connection.kind === "sqlite" ? sqliteJob("record", w, (db) => recordAttemptsSqlite(db, w)) : connection.write((db) => writePostgres(db, w));
}

type ManualRow = { status: string; nextAttemptAt: number | null; attempts: number; waiting: number | boolean };

/** The manual attempt's transition of a delivery state read as its column values. */
function manualTransition(row: ManualRow, w: ManualAttemptWrite): Transition {
  const state: DeliveryState = {
    status: row.status as DeliveryStatus,
    nextAttemptAt: row.nextAttemptAt === null ? null : Number(row.nextAttemptAt),
    attempts: row.attempts,
    waiting: Boolean(row.waiting),
  };
  const next = transition(state, { type: "attempted", trigger: "manual", outcome: w.outcome, schedule: [], now: w.at });
  w.attempt.number = next.state.attempts;
  return next;
}

/**
 * Records a manual attempt, its delivery's next state (delivery-state.ts, decided while the
 * row is locked) and the endpoint's counters in one transaction; null if the delivery is gone.
 */
export async function recordManualAttempt(w: ManualAttemptWrite): Promise<Transition | null> {
  const connection = sql();
  const stat = new Map([[w.attempt.endpointId, { attempts: 1, failures: w.outcome.succeeded ? 0 : 1 }]]);
  const values = (next: Transition) =>
    [w.deliveryId, next.state.status, next.state.nextAttemptAt, next.state.attempts, w.outcome.succeeded ? 1 : 0, w.at, w.outcome.status] as const;
  if (connection.kind === "sqlite") {
    return connection.write((db) => {
      const row = db.get<ManualRow>(SQLITE.MANUAL_READ, w.deliveryId);
      if (!row) return null;
      const next = manualTransition(row, w);
      db.run(SQLITE.MANUAL_WRITE, ...values(next));
      insertAttemptsSqlite(db, [w.attempt]);
      for (const [endpointId, s] of stat) db.run(SQLITE.STAT, endpointId, minuteOf(w.at), s.attempts, s.failures);
      return next;
    });
  }
  return connection.write(async (db) => {
    const [row] = await db.query<ManualRow>(POSTGRES.MANUAL_READ, [w.deliveryId]);
    if (!row) return null;
    const next = manualTransition(row, w);
    await db.query(POSTGRES.MANUAL_WRITE, [...values(next)]);
    await insertAttemptsPostgres(db, [w.attempt]);
    await db.query(POSTGRES.STATS, [
      [w.attempt.endpointId],
      minuteOf(w.at),
      [stat.get(w.attempt.endpointId)!.attempts],
      [stat.get(w.attempt.endpointId)!.failures],
    ]);
    return next;
  });
}
