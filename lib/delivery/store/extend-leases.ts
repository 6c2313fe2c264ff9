import { sql } from "@/lib/sql/connection";

// A worker's deliveries in flight keep their leases while it lives (../keep-leases.ts):
// each still `sending` under the lease it was claimed with has its nextAttemptAt pushed a
// lease ahead. Rows another worker has since claimed, or that were recorded, no longer
// match their token and are left alone.

export interface HeldLease {
  id: string;
  leaseToken: string;
}

// SQLite: DateTime columns hold integer milliseconds; the pairs come as a JSON array of [id, token].
const EXTEND = `UPDATE "Delivery" SET "nextAttemptAt" = $2
  WHERE "status" = 'sending' AND ("id", "leaseToken") IN (SELECT value ->> 0, value ->> 1 FROM json_each($1))
  RETURNING "id"`;

// PostgreSQL: timestamp(3) columns in UTC. Rows locked by a write in progress (the recorder
// settling them) are skipped rather than waited for: that write ends their lease anyway.
const PG_EXTEND = `UPDATE "Delivery" SET "nextAttemptAt" = (to_timestamp($3::float8 / 1000) AT TIME ZONE 'UTC')
  WHERE "id" IN (
    SELECT d."id" FROM "Delivery" d JOIN unnest($1::text[], $2::text[]) AS h(id, lease) ON d."id" = h.id AND d."leaseToken" = h.lease
    WHERE d."status" = 'sending'
    FOR UPDATE OF d SKIP LOCKED)
  RETURNING "id"`;

/** Pushes the leases of these deliveries to `now + leaseSeconds`; returns how many were still held. */
export async function extendLeases(held: readonly HeldLease[], leaseSeconds: number, now = Date.now()): Promise<number> {
  if (held.length === 0) return 0;
  const until = now + leaseSeconds * 1000;
  const connection = sql();
  const rows =
    connection.kind === "sqlite"
      ? await connection.write((db) => db.all<{ id: string }>(EXTEND, JSON.stringify(held.map((h) => [h.id, h.leaseToken])), until))
      : await connection.query<{ id: string }>(PG_EXTEND, [held.map((h) => h.id), held.map((h) => h.leaseToken), until]);
  return rows.length;
}
