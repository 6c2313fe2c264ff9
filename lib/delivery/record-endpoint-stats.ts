import { type Prisma, provider } from "@/lib/db";

export type EndpointCounts = Map<string, { attempts: number; failures: number }>;

/** Adds attempts and failures to each endpoint's counter for `minute`, one atomic upsert per endpoint. */
export async function recordEndpointStats(tx: Prisma.TransactionClient, minute: Date, counts: EndpointCounts): Promise<void> {
  // Sorted, so concurrent writers lock the rows in one order.
  for (const [endpointId, stat] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (provider() === "sqlite") {
      await tx.$executeRawUnsafe(
        `INSERT INTO "EndpointStat" ("endpointId", "minute", "attempts", "failures") VALUES (?, ?, ?, ?)
         ON CONFLICT ("endpointId", "minute") DO UPDATE SET "attempts" = "attempts" + excluded."attempts", "failures" = "failures" + excluded."failures"`,
        endpointId, minute.getTime(), stat.attempts, stat.failures,
      );
    } else {
      await tx.$executeRawUnsafe(
        `INSERT INTO "EndpointStat" ("endpointId", "minute", "attempts", "failures") VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC'), $3, $4)
         ON CONFLICT ("endpointId", "minute") DO UPDATE SET "attempts" = "EndpointStat"."attempts" + excluded."attempts", "failures" = "EndpointStat"."failures" + excluded."failures"`,
        endpointId, minute.toISOString(), stat.attempts, stat.failures,
      );
    }
  }
}

export const minuteOf = (date: Date) => new Date(Math.floor(date.getTime() / 60_000) * 60_000);
