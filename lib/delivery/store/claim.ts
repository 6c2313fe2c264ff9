import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { type SqliteSql, type SqlValue, sql } from "@/lib/sql/connection";
import { sqliteJob } from "@/lib/sql/sqlite-thread";
import { attemptRow } from "../attempt-row";
import { TIMEOUTS_TO_OPEN } from "../circuit-breaker";
import { transition } from "../delivery-state";
import { type Candidate, InFlight } from "../fair-share";
import { insertAttempts } from "./record-attempts";
import { dbNow } from "@/lib/sql/db-clock";
import { runPostgresSteps, runSqliteSteps } from "@/lib/sql/steps";
import { type Gathered, gatherBatches, type PickedForBatch } from "./batches";

// The queue is Delivery.nextAttemptAt: claiming moves it forward by the lease, so a
// crashed worker's rows simply become due again when the lease runs out. A claim reads the
// head of the queue — skipping endpoints this worker has full and endpoints backed off by
// their circuit breaker — picks from it fairly (../fair-share.ts says how) and leases what
// it picked, in one transaction. Plain SQL: the claim runs hundreds of times a second under load.

export interface Claim {
  ids: string[];
  leaseToken: string;
  leaseUntil: Date;
  /** What was claimed, for the worker's count of attempts in flight. */
  picked: Candidate[];
  /** SQLite: the claimed deliveries, loaded in the claim's transaction (loadClaimed's rows). */
  loaded?: ClaimedDelivery[];
  /** The picked deliveries sent as themselves, or as their batch's lead (the rest of `ids` go with a lead). */
  leads: string[];
}
/** A claimed delivery with what sending it needs: the stored bytes and the versions of its endpoint, app and organization. */
export interface ClaimedDelivery {
  id: string;
  messageId: string;
  endpointId: string;
  appId: string;
  attempts: number;
  leaseToken: string;
  payload: string | null;
  eventId: string | null;
  eventType: string;
  /** When its message was accepted (epoch ms, as text on PostgreSQL): the `timestamp` of its entry in a batch. */
  messageAt: number | string;
  /** The batch it goes out in (./batches.ts); null when sent alone. */
  batchId: string | null;
  disabled: boolean;
  /** The endpoint's timeouts in a row when claimed (its circuit breaker). */
  timeoutStreak: number;
  /** updatedAt (ms) of the endpoint, its application and organization: the key of the cached settings. */
  versions: string;
}

// The head of the queue — due rows, oldest first, of endpoints neither full in this worker
// ($2) nor backed off — and from it what the claim takes, fairly: an endpoint no more than
// its room (its cap, ../circuit-breaker.ts, less what this worker has in flight, $6), an
// organization no more than its room ($7 less $8), organizations in turns and within one
// its endpoints in turns. One text for both databases; SQLite's times are epoch
// milliseconds, PostgreSQL's timestamp(3) in UTC.
const pgTime = (p: string) => `(to_timestamp(${p}::float8 / 1000) AT TIME ZONE 'UTC')`;
const PICK = (pg: boolean) => {
  const time = pg ? pgTime : (p: string) => p;
  const busy = (p: string) =>
    pg ? `(SELECT key AS "id", value::int AS "n" FROM jsonb_each_text(${p}::jsonb))` : `(SELECT key AS "id", value AS "n" FROM json_each(${p}))`;
  const full = pg ? `(SELECT jsonb_array_elements_text($2::jsonb))` : `(SELECT value FROM json_each($2))`;
  return `head AS (
    SELECT d."id", d."endpointId", d."messageId", d."appId", d."status", d."attempts", d."nextAttemptAt", a."orgId", e."url",
      d."batchId", e."batchMaxSize" AS "batchSize", e."batchMaxWaitMs" AS "batchWait", CASE WHEN e."ordering" = 'fifo' THEN 1 ELSE 0 END AS "fifo",
      CASE WHEN e."timeoutStreak" >= ${TIMEOUTS_TO_OPEN} THEN 1 ELSE COALESCE(e."maxInFlight", $5) END AS "cap"
    FROM "Delivery" d JOIN "Endpoint" e ON e."id" = d."endpointId" JOIN "Application" a ON a."id" = d."appId"
    WHERE d."nextAttemptAt" <= ${time("$1")} AND d."status" IN ('pending', 'sending') AND d."endpointId" NOT IN ${full}
      AND (e."backoffUntil" IS NULL OR e."backoffUntil" <= ${time("$1")})
    ORDER BY d."nextAttemptAt" LIMIT $3${pg ? " FOR UPDATE OF d SKIP LOCKED" : ""}),
  by_endpoint AS (
    SELECT h.*, row_number() OVER (PARTITION BY h."endpointId" ORDER BY h."nextAttemptAt") AS "turn", h."cap" - COALESCE(busy."n", 0) AS "room"
    FROM head h LEFT JOIN ${busy("$6")} AS busy ON busy."id" = h."endpointId"),
  by_org AS (
    SELECT b.*, row_number() OVER (PARTITION BY b."orgId" ORDER BY b."turn", b."nextAttemptAt") AS "orgTurn", $7 - COALESCE(busy."n", 0) AS "orgRoom"
    FROM by_endpoint b LEFT JOIN ${busy("$8")} AS busy ON busy."id" = b."orgId"
    WHERE b."turn" <= b."room"),
  picked AS (SELECT * FROM by_org WHERE "orgTurn" <= "orgRoom" ORDER BY "orgTurn", "nextAttemptAt" LIMIT $4)`;
};
const PICKED = `"id", "endpointId", "messageId", "appId", "orgId", "url", "cap", "status", "attempts", "batchId", "batchSize", "batchWait", "fifo"`;

// claimed (delivery-state.ts): a row still 'sending' had a lease that ran out, and its lost attempt is counted.
const SQLITE_LEASE = `UPDATE "Delivery" SET "status" = 'sending', "nextAttemptAt" = $9, "leaseToken" = $10, "updatedAt" = $1,
    "attempts" = "attempts" + CASE WHEN "status" = 'sending' THEN 1 ELSE 0 END
  WHERE "id" IN (SELECT value FROM json_each($11))`;
// SQLite: the pick, then the lease and the interrupted attempts, in one write transaction.
const SQLITE_PICK = `WITH ${PICK(false)} SELECT ${PICKED} FROM picked`;

// PostgreSQL: one statement, the head locked (SKIP LOCKED: other workers take the rows
// behind it), the lost attempts recorded with ids made here ($11) for the rows that need one.
const PG_CLAIM = `WITH ${PICK(true)},
  claimed AS (
    UPDATE "Delivery" AS d SET "status" = 'sending', "nextAttemptAt" = ${pgTime("$9")}, "leaseToken" = $10, "updatedAt" = ${pgTime("$1")},
      "attempts" = d."attempts" + CASE WHEN d."status" = 'sending' THEN 1 ELSE 0 END
    FROM picked p WHERE d."id" = p."id"
    RETURNING p."id", p."endpointId", p."messageId", p."appId", p."orgId", p."url", p."cap", p."status", d."attempts",
      p."batchId", p."batchSize", p."batchWait", p."fifo"),
  lost AS (
    INSERT INTO "Attempt" ("id", "deliveryId", "messageId", "endpointId", "appId", "number", "trigger", "succeeded", "url", "requestHeaders",
      "responseStatus", "responseHeaders", "responseBody", "durationMs", "errorKind", "errorMessage", "createdAt")
    SELECT ids."id", c."id", c."messageId", c."endpointId", c."appId", c."attempts", 'scheduled', false, c."url", '{}'::jsonb,
      NULL, NULL, NULL, 0, 'interrupted', $12, ${pgTime("$1")}
    FROM (SELECT *, row_number() OVER (ORDER BY "id") AS "n" FROM claimed WHERE "status" = 'sending') c
    JOIN unnest($11::text[]) WITH ORDINALITY AS ids("id", "n") ON ids."n" = c."n")
  SELECT "id", "endpointId", "orgId", "cap", "messageId", "appId", "url", "batchId", "batchSize", "batchWait", "fifo" FROM claimed`;

interface PickedRow extends Candidate, PickedForBatch {
  status: "pending" | "sending";
  attempts?: number;
  fifo: number;
}

const INTERRUPTED =
  "The worker sending this attempt stopped before it could record the outcome (its lease ran out); the endpoint may have received it. The delivery was claimed again.";

/** SQLite: the Attempt rows that say a lost attempt happened, one per claimed row whose previous lease ran out. */
function interruptedAttempts(
  picked: readonly { id: string; endpointId: string; messageId: string; appId: string; url: string; status: "pending" | "sending"; attempts: number }[],
  now: number,
) {
  return picked
    .map((row) => ({ row, next: transition({ status: row.status, nextAttemptAt: now, attempts: row.attempts }, { type: "claimed", leaseUntil: now }) }))
    .filter(({ next }) => next.interrupted)
    .map(({ row, next }) =>
      attemptRow(
        row,
        { succeeded: false, requestHeaders: {}, status: null, headers: null, body: null, durationMs: 0, errorKind: "interrupted", errorMessage: INTERRUPTED },
        { number: next.state.attempts, trigger: "scheduled", url: row.url, at: new Date(now) },
      ),
    );
}

const version = (column: string, pg: boolean) => (pg ? `floor(extract(epoch from ${column}) * 1000)::text` : `${column}`);
const LOAD = (pg: boolean) => `SELECT d."id", d."messageId", d."endpointId", d."appId", d."attempts", d."leaseToken", d."batchId",
    m."payload", m."eventId", m."eventType", ${version(`m."createdAt"`, pg)} AS "messageAt", e."disabled", e."timeoutStreak",
    ${version(`e."updatedAt"`, pg)} || '/' || ${version(`a."updatedAt"`, pg)} || '/' || ${version(`o."updatedAt"`, pg)} AS "versions"
  FROM "Delivery" d
  JOIN "Message" m ON m."id" = d."messageId"
  JOIN "Endpoint" e ON e."id" = d."endpointId"
  JOIN "Application" a ON a."id" = e."appId"
  JOIN "Organization" o ON o."id" = a."orgId"
  WHERE d."id" IN (SELECT value FROM ${pg ? "unnest($1::text[]) AS ids(value)" : "json_each($1)"}) AND d."leaseToken" = $2`;
const SQLITE_LOAD = LOAD(false);
const PG_LOAD = LOAD(true);

type Row = Omit<ClaimedDelivery, "disabled"> & { disabled: boolean | number };
const toClaimed = (row: Row): ClaimedDelivery => ({ ...row, disabled: Boolean(row.disabled) });

export interface ClaimOptions {
  limit: number;
  leaseSeconds: number;
  now?: Date;
  /** This worker's attempts in flight: full endpoints are skipped, the rest share what is left. */
  inFlight?: InFlight;
}

// Enough of the head to find other endpoints' rows behind one endpoint's run.
const windowFor = (limit: number) => Math.min(512, Math.max(32, limit * 2));
// An organization's room when there is no cap (SQL has no infinity).
const NO_CAP = 1_000_000_000;

/**
 * Atomically claims up to `limit` due deliveries (pending and due, or sending with an
 * expired lease), fairly: `status = sending`, `nextAttemptAt = now + lease`, a new lease
 * token; for each whose previous lease ran out, an attempt recorded as interrupted.
 */
export async function claimDueDeliveries(options: ClaimOptions): Promise<Claim> {
  const now = options.now?.getTime() ?? dbNow();
  const leaseUntil = now + options.leaseSeconds * 1000;
  const leaseToken = randomBytes(12).toString("base64url");
  const inFlight = options.inFlight ?? new InFlight(Number.POSITIVE_INFINITY);
  const params: SqlValue[] = [
    now,
    JSON.stringify(inFlight.full()),
    windowFor(options.limit),
    options.limit,
    env().PIGEON_ENDPOINT_MAX_IN_FLIGHT,
    JSON.stringify(inFlight.endpoints()),
    Math.min(inFlight.orgCap, NO_CAP),
    JSON.stringify(inFlight.orgs()),
    leaseUntil,
    leaseToken,
  ];
  const connection = sql();
  const claim = (picked: PickedRow[], gathered: Gathered, loaded?: ClaimedDelivery[]): Claim => {
    const merged = new Set(gathered.merged);
    const leads = picked.filter((row) => !merged.has(row.id));
    return {
      ids: [...picked.map((row) => row.id), ...gathered.members],
      leaseToken,
      leaseUntil: new Date(leaseUntil),
      picked: leads.map(({ id, endpointId, orgId, cap }) => ({ id, endpointId, orgId, cap: Number(cap) })),
      leads: leads.map((row) => row.id),
      loaded,
    };
  };
  const batching = { now, leaseToken, maxBytes: env().PIGEON_BATCH_MAX_BYTES };
  if (connection.kind === "sqlite") {
    const args = { params, now, leaseToken, batching };
    const { picked, gathered, loaded } = await sqliteJob("claim", args, (db) => claimSqlite(db, args));
    return claim(picked, gathered, loaded);
  }
  // One transaction: until the batches are gathered, another worker (or an ingest's check
  // for a full batch, queue-order.ts) sees the picked rows still waiting, not half-taken.
  const { picked, gathered } = await connection.write(async (db) => {
    const picked = await db.query<PickedRow>(PG_CLAIM, [...params, Array.from({ length: options.limit }, () => newId("attempt")), INTERRUPTED]);
    if (!picked.some((row) => row.batchSize)) return { picked, gathered: { members: [], merged: [], lost: [] } };
    const gathered = await runPostgresSteps(db, gatherBatches(true, picked, batching));
    await insertAttempts(db, interruptedAttempts(gathered.lost, now));
    return { picked, gathered };
  });
  return claim(picked, gathered);
}

/**
 * SQLite, within a write transaction: the pick, the lease and the interrupted attempts, the
 * batches gathered, and the claimed rows loaded for sending (a job of the write thread,
 * lib/sql/sqlite-thread.ts).
 */
export function claimSqlite(
  db: SqliteSql,
  {
    params,
    now,
    leaseToken,
    batching,
  }: { params: SqlValue[]; now: number; leaseToken: string; batching: { now: number; leaseToken: string; maxBytes: number } },
): { picked: PickedRow[]; gathered: Gathered; loaded: ClaimedDelivery[] } {
  const picked = db.all<PickedRow & { attempts: number }>(SQLITE_PICK, ...params);
  const none: Gathered = { members: [], merged: [], lost: [] };
  if (picked.length === 0) return { picked, gathered: none, loaded: [] };
  db.run(SQLITE_LEASE, ...params, JSON.stringify(picked.map((row) => row.id)));
  const gathered = picked.some((row) => row.batchSize) ? runSqliteSteps(db, gatherBatches(false, picked, batching)) : none;
  insertAttempts(db, interruptedAttempts([...picked, ...gathered.lost], now));
  const ids = JSON.stringify([...picked.map((row) => row.id), ...gathered.members]);
  return { picked, gathered, loaded: db.all<Row>(SQLITE_LOAD, ids, leaseToken).map(toClaimed) };
}

/** The claimed deliveries still under this claim's lease, with their messages. */
export async function loadClaimed(claim: Pick<Claim, "ids" | "leaseToken">): Promise<ClaimedDelivery[]> {
  if (claim.ids.length === 0) return [];
  const connection = sql();
  const rows =
    connection.kind === "sqlite"
      ? connection.all<Row>(SQLITE_LOAD, JSON.stringify(claim.ids), claim.leaseToken)
      : await connection.query<Row>(PG_LOAD, [claim.ids, claim.leaseToken]);
  return rows.map(toClaimed);
}
