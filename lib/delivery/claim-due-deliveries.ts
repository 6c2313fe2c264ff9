import { randomBytes } from "node:crypto";
import { db, provider } from "@/lib/db";

// The queue is Delivery.nextAttemptAt: claiming moves it forward by the lease, so a
// crashed worker's rows simply become due again when the lease runs out.

export interface Claim {
  ids: string[];
  leaseToken: string;
  leaseUntil: Date;
}

/**
 * Atomically claims up to `limit` due deliveries (pending and due, or sending with an
 * expired lease): `status = sending`, `nextAttemptAt = now + lease`, a new lease token.
 */
export async function claimDueDeliveries(options: { limit: number; leaseSeconds: number; now?: Date }): Promise<Claim> {
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + options.leaseSeconds * 1000);
  const leaseToken = randomBytes(12).toString("base64url");
  let rows: { id: string }[];
  if (provider() === "sqlite") {
    // With timestampFormat "unixepoch-ms" DateTime columns hold integer milliseconds.
    rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "Delivery" SET "status" = 'sending', "nextAttemptAt" = ?, "leaseToken" = ?, "updatedAt" = ?
       WHERE "id" IN (
         SELECT "id" FROM "Delivery"
         WHERE "nextAttemptAt" <= ? AND "status" IN ('pending', 'sending')
         ORDER BY "nextAttemptAt" LIMIT ?)
       RETURNING "id"`,
      leaseUntil.getTime(), leaseToken, now.getTime(), now.getTime(), options.limit,
    );
  } else {
    // Columns are timestamp(3) in UTC; the casts keep the session's time zone out of it.
    rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "Delivery" SET "status" = 'sending', "nextAttemptAt" = ($1::timestamptz AT TIME ZONE 'UTC'),
         "leaseToken" = $2, "updatedAt" = ($3::timestamptz AT TIME ZONE 'UTC')
       WHERE "id" IN (
         SELECT "id" FROM "Delivery"
         WHERE "nextAttemptAt" <= ($3::timestamptz AT TIME ZONE 'UTC') AND "status" IN ('pending', 'sending')
         ORDER BY "nextAttemptAt" LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      leaseUntil.toISOString(), leaseToken, now.toISOString(), options.limit,
    );
  }
  return { ids: rows.map((row) => row.id), leaseToken, leaseUntil };
}
