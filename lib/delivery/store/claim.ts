import { randomBytes } from "node:crypto";
import { sql } from "@/lib/sql/connection";

// The queue is Delivery.nextAttemptAt: claiming moves it forward by the lease, so a
// crashed worker's rows simply become due again when the lease runs out. Plain SQL: the
// claim runs hundreds of times a second under load.

export interface Claim {
  ids: string[];
  leaseToken: string;
  leaseUntil: Date;
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
  /** updatedAt (ms) of the endpoint, its application and organization: the key of the cached settings. */
  versions: string;
}

// SQLite: DateTime columns hold integer milliseconds (timestampFormat "unixepoch-ms").
const CLAIM = `UPDATE "Delivery" SET "status" = 'sending', "nextAttemptAt" = $1, "leaseToken" = $2, "updatedAt" = $3
  WHERE "id" IN (
    SELECT "id" FROM "Delivery"
    WHERE "nextAttemptAt" <= $3 AND "status" IN ('pending', 'sending')
    ORDER BY "nextAttemptAt" LIMIT $4)
  RETURNING "id"`;

// PostgreSQL: timestamp(3) columns in UTC; epoch milliseconds in, no session time zone involved.
const PG_CLAIM = `UPDATE "Delivery" SET "status" = 'sending', "nextAttemptAt" = (to_timestamp($1::float8 / 1000) AT TIME ZONE 'UTC'),
    "leaseToken" = $2, "updatedAt" = (to_timestamp($3::float8 / 1000) AT TIME ZONE 'UTC')
  WHERE "id" IN (
    SELECT "id" FROM "Delivery"
    WHERE "nextAttemptAt" <= (to_timestamp($3::float8 / 1000) AT TIME ZONE 'UTC') AND "status" IN ('pending', 'sending')
    ORDER BY "nextAttemptAt" LIMIT $4
    FOR UPDATE SKIP LOCKED)
  RETURNING "id"`;

const version = (column: string, pg: boolean) => (pg ? `floor(extract(epoch from ${column}) * 1000)::text` : `${column}`);
const LOAD = (pg: boolean) => `SELECT d."id", d."messageId", d."endpointId", d."appId", d."attempts", d."leaseToken",
    m."payload", m."eventId", m."eventType", e."disabled",
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

/**
 * Atomically claims up to `limit` due deliveries (pending and due, or sending with an
 * expired lease): `status = sending`, `nextAttemptAt = now + lease`, a new lease token.
 */
export async function claimDueDeliveries(options: { limit: number; leaseSeconds: number; now?: Date }): Promise<Claim> {
  const now = (options.now ?? new Date()).getTime();
  const leaseUntil = now + options.leaseSeconds * 1000;
  const leaseToken = randomBytes(12).toString("base64url");
  const connection = sql();
  const rows =
    connection.kind === "sqlite"
      ? await connection.write((db) => db.all<{ id: string }>(CLAIM, leaseUntil, leaseToken, now, options.limit))
      : await connection.query<{ id: string }>(PG_CLAIM, [leaseUntil, leaseToken, now, options.limit]);
  return { ids: rows.map((row) => row.id), leaseToken, leaseUntil: new Date(leaseUntil) };
}

/** The claimed deliveries still under this claim's lease, with their messages. */
export async function loadClaimed(claim: Claim): Promise<ClaimedDelivery[]> {
  if (claim.ids.length === 0) return [];
  const connection = sql();
  const rows =
    connection.kind === "sqlite"
      ? connection.all<Row>(SQLITE_LOAD, JSON.stringify(claim.ids), claim.leaseToken)
      : await connection.query<Row>(PG_LOAD, [claim.ids, claim.leaseToken]);
  return rows.map(toClaimed);
}
