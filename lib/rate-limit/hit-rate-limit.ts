import { db } from "@/lib/db";

export interface RateLimitState {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

interface Limit {
  limit: number;
  windowSeconds: number;
}

// Fixed-window counters in the database, so every web process shares them.

/** Counts one more hit; `allowed` is false once the window holds more than `limit`. */
export async function hitRateLimit(key: string, { limit, windowSeconds }: Limit): Promise<RateLimitState> {
  const now = new Date();
  const fresh = new Date(now.getTime() + windowSeconds * 1000);
  const row = await db.$transaction(async (tx) => {
    const current = await tx.rateLimit.findUnique({ where: { key } });
    if (!current || current.resetAt <= now) {
      return tx.rateLimit.upsert({ where: { key }, create: { key, count: 1, resetAt: fresh }, update: { count: 1, resetAt: fresh } });
    }
    return tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
  });
  return {
    allowed: row.count <= limit,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil((row.resetAt.getTime() - now.getTime()) / 1000)),
  };
}

/** Takes one hit back, for an attempt that turned out not to count (e.g. a right password). */
export async function takeBackRateLimitHit(key: string): Promise<void> {
  await db.rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

export async function resetRateLimit(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}
