import { sql } from "@/lib/sql/connection";

// A limit per key and one-second window, shared by every process through one row per key:
// the per-organization API limit (ApiRateWindow) and an endpoint's throttle rate
// (ThrottleWindow). A process leases tokens from the row in chunks and spends them without
// a query (WindowLeases), so a busy key costs one statement per chunk, not per use. The row
// grants at most `limit` a window; a process holds at most one chunk, and what it holds
// dies with its window: the limit can be under-used a little (what is left unspent when a
// window closes, under a chunk per process), never exceeded.
//
// The window only moves forward: a process whose clock runs behind draws from the newer
// window instead of resetting it.

export const WINDOW_MS = 1000;

export type WindowTable = "ApiRateWindow" | "ThrottleWindow";
const KEY: Record<WindowTable, string> = { ApiRateWindow: "orgId", ThrottleWindow: "endpointId" };

const lease = (table: WindowTable) => `INSERT INTO "${table}" AS w ("${KEY[table]}", "windowEnd", "used", "granted")
  VALUES ($1, $2::bigint, LEAST($3::int, $4::int), LEAST($3::int, $4::int))
  ON CONFLICT ("${KEY[table]}") DO UPDATE SET
    "granted" = CASE WHEN w."windowEnd" < excluded."windowEnd" THEN excluded."granted" ELSE LEAST($3::int, GREATEST(0, $4::int - w."used")) END,
    "used" = CASE WHEN w."windowEnd" < excluded."windowEnd" THEN excluded."used" ELSE w."used" + LEAST($3::int, GREATEST(0, $4::int - w."used")) END,
    "windowEnd" = GREATEST(w."windowEnd", excluded."windowEnd")
  RETURNING "granted", "windowEnd"`;
const sqlite = (text: string) =>
  text
    .replace(/::(big)?int/g, "")
    .replaceAll("LEAST(", "min(")
    .replaceAll("GREATEST(", "max(");
const STATEMENTS = Object.fromEntries(
  (Object.keys(KEY) as WindowTable[]).map((table) => [table, { pg: lease(table), sqlite: sqlite(lease(table)) }]),
) as Record<WindowTable, { pg: string; sqlite: string }>;

export interface Lease {
  granted: number;
  /** The end (epoch ms) of the window the tokens belong to. */
  windowEnd: number;
}

/** The end of the one-second window holding `now`. */
export const windowEndAt = (now: number) => Math.floor(now / WINDOW_MS) * WINDOW_MS + WINDOW_MS;

/** Takes up to `wanted` tokens of the key's window ending at `windowEnd` (or of a newer one the row already holds). */
export async function leaseWindow(table: WindowTable, key: string, wanted: number, limit: number, windowEnd: number): Promise<Lease> {
  const connection = sql();
  const row =
    connection.kind === "sqlite"
      ? await connection.write((s) => s.get<{ granted: number; windowEnd: number }>(STATEMENTS[table].sqlite, key, windowEnd, wanted, limit))
      : (await connection.query<{ granted: number; windowEnd: string }>(STATEMENTS[table].pg, [key, windowEnd, wanted, limit]))[0];
  return { granted: Number(row!.granted), windowEnd: Number(row!.windowEnd) };
}

export type Taken = { taken: true } | { taken: false; windowEnd: number; firstRefusal: boolean };

interface Bucket {
  windowEnd: number;
  tokens: number;
  /** The window has no tokens left for anyone. */
  spent: boolean;
  leasing?: Promise<void>;
  refusedWindow?: number;
}

export interface WindowLeasesOptions {
  /** The row's statement (leaseWindow on a table; tests give their own). */
  lease: (key: string, wanted: number, limit: number, windowEnd: number) => Promise<Lease>;
  /** The clock the windows are on (epoch ms). */
  now: () => number;
  /** A lease is `limit / chunksPerWindow` tokens, rounded up (and at least what one use needs). */
  chunksPerWindow: number;
  /** What this process may spend of the window when the database cannot take the lease. */
  unavailable: (key: string, limit: number, error: unknown, windowEnd: number) => Lease;
  isUnavailable: (error: unknown) => boolean;
  /**
   * Milliseconds before its end at which this process stops spending a window (what it holds
   * then is dropped): room for what it let through to arrive within the window. 0 unless given.
   */
  closeEarlyMs?: number;
}

const MAX_BUCKETS = 10_000;

/** One chunk of a window: `limit / chunksPerWindow`, rounded up. */
export const chunkOf = (limit: number, chunksPerWindow: number) => Math.max(1, Math.ceil(limit / chunksPerWindow));

/** This process's tokens of each key's current window, leased from its row a chunk at a time. */
export class WindowLeases {
  private buckets = new Map<string, Bucket>();
  private spentKeys = new Set<string>();
  constructor(private readonly options: WindowLeasesOptions) {}

  /**
   * Spends `units` tokens of the key's current window (at most `limit` a window), leasing a
   * chunk when this process holds too few; or says until when the window has none left.
   */
  async take(key: string, units: number, limit: number): Promise<Taken> {
    const needed = Math.min(Math.max(1, units), limit);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { windowEnd: 0, tokens: 0, spent: false }));
    for (;;) {
      if (bucket.leasing) {
        await bucket.leasing;
        continue;
      }
      const now = this.options.now();
      const closeEarly = this.options.closeEarlyMs ?? 0;
      // In the window's last moments: nothing more of it, as if it were spent.
      if (closeEarly > 0 && now >= windowEndAt(now) - closeEarly && !(bucket.spent && now < bucket.windowEnd)) {
        Object.assign(bucket, { windowEnd: windowEndAt(now), tokens: 0, spent: true });
        this.spentKeys.add(key);
      }
      if (now < bucket.windowEnd) {
        if (bucket.tokens >= needed) {
          bucket.tokens -= needed;
          return { taken: true };
        }
        if (bucket.spent) {
          const firstRefusal = bucket.refusedWindow !== bucket.windowEnd;
          bucket.refusedWindow = bucket.windowEnd;
          return { taken: false, windowEnd: bucket.windowEnd, firstRefusal };
        }
      }
      const current = bucket;
      current.leasing = this.refill(key, current, needed, limit, now).finally(() => {
        current.leasing = undefined;
      });
      await current.leasing;
    }
  }

  /** Keys whose current window this process knows to be spent, and until when. */
  spent(now = this.options.now()): Map<string, number> {
    const spent = new Map<string, number>();
    for (const key of this.spentKeys) {
      const bucket = this.buckets.get(key);
      if (bucket?.spent && now < bucket.windowEnd) spent.set(key, bucket.windowEnd);
      else this.spentKeys.delete(key);
    }
    return spent;
  }

  private async refill(key: string, bucket: Bucket, needed: number, limit: number, now: number) {
    this.forget(now);
    const windowEnd = windowEndAt(now);
    // Tokens of the window still open count toward what is needed; a closed window's are gone.
    const held = now < bucket.windowEnd ? bucket.tokens : 0;
    const wanted = Math.max(needed - held, chunkOf(limit, this.options.chunksPerWindow));
    let lease: Lease;
    try {
      lease = await this.options.lease(key, wanted, limit, windowEnd);
    } catch (error) {
      if (!this.options.isUnavailable(error)) throw error;
      lease = this.options.unavailable(key, limit, error, windowEnd);
    }
    bucket.tokens = lease.windowEnd === bucket.windowEnd && now < bucket.windowEnd ? held + lease.granted : lease.granted;
    bucket.windowEnd = lease.windowEnd;
    // The row grants less than asked only once its window is used up.
    bucket.spent = lease.granted < wanted;
    if (bucket.spent) this.spentKeys.add(key);
  }

  private forget(now: number) {
    if (this.buckets.size < MAX_BUCKETS) return;
    for (const [key, bucket] of this.buckets) if (bucket.windowEnd <= now && !bucket.leasing) this.buckets.delete(key);
  }
}
