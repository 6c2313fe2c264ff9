import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { type PostgresSql, type SqliteSql, sql } from "@/lib/sql/connection";
import { attemptRow } from "../attempt-row";
import { inFlightCap } from "../circuit-breaker";
import { transition } from "../delivery-state";
import { type Candidate, InFlight, pickFairly } from "../fair-share";
import { insertAttempts } from "./record-attempts";
import { dbNow } from "@/lib/sql/db-clock";

// The queue is Delivery.nextAttemptAt: claiming moves it forward by the lease, so a
// crashed worker's rows simply become due again when the lease runs out. A claim reads the
// head of the queue — skipping endpoints this worker has full and endpoints backed off by
// their circuit breaker — picks from it fairly (../fair-share.ts) and leases what it
// picked, in one transaction. Plain SQL: the claim runs hundreds of times a second under load.

export interface Claim {
  ids: string[];
  leaseToken: string;
  leaseUntil: Date;
  /** What was claimed, for the worker's count of attempts in flight. */
  picked: Candidate[];
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
  disabled: boolean;
  /** The endpoint's timeouts in a row when claimed (its circuit breaker). */
  timeoutStreak: number;
  /** updatedAt (ms) of the endpoint, its application and organization: the key of the cached settings. */
  versions: string;
}

// The head of the queue: due rows, oldest first, of endpoints neither full here ($2) nor
// backed off. SQLite: DateTime columns hold integer milliseconds (timestampFormat "unixepoch-ms").
const CANDIDATE_COLUMNS = `d."id", d."endpointId", d."messageId", d."appId", d."status", d."attempts", a."orgId", e."url", e."maxInFlight", e."timeoutStreak"`;
const HEAD = `FROM "Delivery" d JOIN "Endpoint" e ON e."id" = d."endpointId" JOIN "Application" a ON a."id" = d."appId"`;
const SQLITE_CANDIDATES = `SELECT ${CANDIDATE_COLUMNS} ${HEAD}
  WHERE d."nextAttemptAt" <= $1 AND d."status" IN ('pending', 'sending')
    AND d."endpointId" NOT IN (SELECT value FROM json_each($2)) AND (e."backoffUntil" IS NULL OR e."backoffUntil" <= $1)
  ORDER BY d."nextAttemptAt" LIMIT $3`;
// PostgreSQL: timestamp(3) columns in UTC; epoch milliseconds in, no session time zone involved.
const pgTime = (p: string) => `(to_timestamp(${p}::float8 / 1000) AT TIME ZONE 'UTC')`;
const PG_CANDIDATES = `SELECT ${CANDIDATE_COLUMNS} ${HEAD}
  WHERE d."nextAttemptAt" <= ${pgTime("$1")} AND d."status" IN ('pending', 'sending')
    AND d."endpointId" <> ALL($2::text[]) AND (e."backoffUntil" IS NULL OR e."backoffUntil" <= ${pgTime("$1")})
  ORDER BY d."nextAttemptAt" LIMIT $3
  FOR UPDATE OF d SKIP LOCKED`;

// claimed (delivery-state.ts): a row still 'sending' had a lease that ran out, and its lost attempt is counted.
const LEASE = (time: (p: string) => string, ids: string) => `UPDATE "Delivery" SET "status" = 'sending', "nextAttemptAt" = ${time("$1")}, "leaseToken" = $2,
    "updatedAt" = ${time("$3")}, "attempts" = "attempts" + CASE WHEN "status" = 'sending' THEN 1 ELSE 0 END
  WHERE "id" IN ${ids}`;
const SQLITE_LEASE = LEASE((p) => p, "(SELECT value FROM json_each($4))");
const PG_LEASE = LEASE(pgTime, "(SELECT unnest($4::text[]))");

interface CandidateRow extends Candidate {
  messageId: string;
  appId: string;
  status: "pending" | "sending";
  attempts: number;
  url: string;
  maxInFlight: number | null;
  timeoutStreak: number;
}

const INTERRUPTED =
  "The worker sending this attempt stopped before it could record the outcome (its lease ran out); the endpoint may have received it. The delivery was claimed again.";

/** The Attempt rows that say a lost attempt happened: one per claimed row whose previous lease ran out. */
function interruptedAttempts(picked: readonly CandidateRow[], now: number) {
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
const LOAD = (pg: boolean) => `SELECT d."id", d."messageId", d."endpointId", d."appId", d."attempts", d."leaseToken",
    m."payload", m."eventId", m."eventType", e."disabled", e."timeoutStreak",
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
  const full = inFlight.full();
  const defaultCap = env().PIGEON_ENDPOINT_MAX_IN_FLIGHT;
  // Enough of the head to find other endpoints' rows behind one endpoint's run.
  const window = Math.min(512, Math.max(64, options.limit * 4));
  const pick = (rows: CandidateRow[]) =>
    pickFairly(
      rows.map((row) => ({ ...row, cap: inFlightCap(row, defaultCap) })),
      inFlight,
      options.limit,
    );
  const connection = sql();
  const picked =
    connection.kind === "sqlite"
      ? await connection.write((db) =>
          leaseSqlite(db, pick(db.all<CandidateRow>(SQLITE_CANDIDATES, now, JSON.stringify(full), window)), leaseUntil, leaseToken, now),
        )
      : await connection.write(async (db) =>
          leasePostgres(db, pick(await db.query<CandidateRow>(PG_CANDIDATES, [now, full, window])), leaseUntil, leaseToken, now),
        );
  return { ids: picked.map((row) => row.id), leaseToken, leaseUntil: new Date(leaseUntil), picked };
}

function leaseSqlite(db: SqliteSql, picked: CandidateRow[], leaseUntil: number, leaseToken: string, now: number): CandidateRow[] {
  if (picked.length === 0) return picked;
  db.run(SQLITE_LEASE, leaseUntil, leaseToken, now, JSON.stringify(picked.map((row) => row.id)));
  insertAttempts(db, interruptedAttempts(picked, now));
  return picked;
}

async function leasePostgres(db: PostgresSql, picked: CandidateRow[], leaseUntil: number, leaseToken: string, now: number): Promise<CandidateRow[]> {
  if (picked.length === 0) return picked;
  await db.query(PG_LEASE, [leaseUntil, leaseToken, now, picked.map((row) => row.id)]);
  await insertAttempts(db, interruptedAttempts(picked, now));
  return picked;
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
