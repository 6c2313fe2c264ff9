import { AppError } from "@/lib/errors";
import { errorField, log } from "@/lib/ops/log";
import { isDatabaseUnavailable } from "@/lib/sql/database-unavailable";
import { sql } from "@/lib/sql/connection";

// The per-organization API rate limit: `limit` requests in each one-second window, shared
// by every web process through one ApiRateWindow row per organization. A process leases
// tokens from the window in chunks of a twentieth of the limit and spends them without a
// query, so a busy organization costs one statement per chunk, not per request. A process
// holds at most one chunk, so what goes unused when a window closes is at most a chunk per
// process: the limit can be under-used a little, never exceeded.
//
// The window only moves forward: a process whose clock runs behind draws from the newer
// window instead of resetting it.

const LEASE = `INSERT INTO "ApiRateWindow" AS w ("orgId", "windowEnd", "used", "granted")
  VALUES ($1, $2::bigint, LEAST($3::int, $4::int), LEAST($3::int, $4::int))
  ON CONFLICT ("orgId") DO UPDATE SET
    "granted" = CASE WHEN w."windowEnd" < excluded."windowEnd" THEN excluded."granted" ELSE LEAST($3::int, GREATEST(0, $4::int - w."used")) END,
    "used" = CASE WHEN w."windowEnd" < excluded."windowEnd" THEN excluded."used" ELSE w."used" + LEAST($3::int, GREATEST(0, $4::int - w."used")) END,
    "windowEnd" = GREATEST(w."windowEnd", excluded."windowEnd")
  RETURNING "granted", "windowEnd"`;
const SQLITE_LEASE = LEASE.replace(/::(big)?int/g, "")
  .replaceAll("LEAST(", "min(")
  .replaceAll("GREATEST(", "max(");

const WINDOW_MS = 1000;
const CHUNKS_PER_WINDOW = 20;
const MAX_BUCKETS = 10_000;

interface Bucket {
  windowEnd: number;
  tokens: number;
  /** The window has no tokens left for anyone. */
  spent: boolean;
  leasing?: Promise<void>;
  refusedWindow?: number;
}

// On globalThis: every route bundle of the server must share one set of buckets.
const store = globalThis as unknown as { __pigeonApiBuckets?: Map<string, Bucket> };
const buckets = (store.__pigeonApiBuckets ??= new Map());

/** Takes up to `wanted` tokens of the organization's current window; returns what it got and until when. */
export async function leaseApiTokens(orgId: string, wanted: number, limit: number, now = Date.now()): Promise<{ granted: number; windowEnd: number }> {
  const windowEnd = Math.floor(now / WINDOW_MS) * WINDOW_MS + WINDOW_MS;
  const connection = sql();
  const row =
    connection.kind === "sqlite"
      ? await connection.write((s) => s.get<{ granted: number; windowEnd: number }>(SQLITE_LEASE, orgId, windowEnd, wanted, limit))
      : (await connection.query<{ granted: number; windowEnd: string }>(LEASE, [orgId, windowEnd, wanted, limit]))[0];
  return { granted: Number(row!.granted), windowEnd: Number(row!.windowEnd) };
}

function forget(now: number) {
  if (buckets.size < MAX_BUCKETS) return;
  for (const [orgId, bucket] of buckets) if (bucket.windowEnd <= now && !bucket.leasing) buckets.delete(orgId);
}

// A database that cannot take the window's write (full, read-only, unreachable) must not
// turn every API call into an error: reads may still work. This process then counts the
// window alone, up to the whole limit, until the database takes writes again.
async function leaseOrCountAlone(orgId: string, limit: number, now: number) {
  try {
    return await leaseApiTokens(orgId, Math.max(1, Math.ceil(limit / CHUNKS_PER_WINDOW)), limit, now);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log().warn({ orgId, err: errorField(error) }, "API rate window not written; counting it in this process");
    return { granted: limit, windowEnd: Math.floor(now / WINDOW_MS) * WINDOW_MS + WINDOW_MS };
  }
}

async function refill(orgId: string, bucket: Bucket, limit: number) {
  const now = Date.now();
  forget(now);
  const { granted, windowEnd } = await leaseOrCountAlone(orgId, limit, now);
  bucket.windowEnd = windowEnd;
  bucket.tokens = granted;
  bucket.spent = granted === 0;
}

function refuse(orgId: string, bucket: Bucket, limit: number, now: number): AppError {
  const seconds = Math.max(1, Math.ceil((bucket.windowEnd - now) / 1000));
  if (bucket.refusedWindow !== bucket.windowEnd) {
    bucket.refusedWindow = bucket.windowEnd;
    log().warn({ orgId, limit }, "API rate limit reached");
  }
  return new AppError(
    "rate_limited",
    `Too many requests: this organization may make ${limit.toLocaleString("en-US")} API requests per second. Retry after ${seconds} s.`,
    {
      headers: { "retry-after": String(seconds), "x-ratelimit-limit": String(limit) },
    },
  );
}

/** Counts one API request of the organization, or throws 429 with Retry-After. `limit` 0 = none. */
export async function takeApiRequest(orgId: string, limit: number): Promise<void> {
  if (limit <= 0) return;
  let bucket = buckets.get(orgId);
  if (!bucket) buckets.set(orgId, (bucket = { windowEnd: 0, tokens: 0, spent: false }));
  for (;;) {
    if (bucket.leasing) {
      await bucket.leasing;
      continue;
    }
    const now = Date.now();
    if (now < bucket.windowEnd) {
      if (bucket.tokens > 0) {
        bucket.tokens--;
        return;
      }
      if (bucket.spent) throw refuse(orgId, bucket, limit, now);
    }
    const current = bucket;
    current.leasing = refill(orgId, current, limit).finally(() => {
      current.leasing = undefined;
    });
    await current.leasing;
  }
}
