import { AppError } from "@/lib/errors";
import { errorField, log } from "@/lib/ops/log";
import { isDatabaseUnavailable } from "@/lib/sql/database-unavailable";
import { type Lease, leaseWindow, WindowLeases, windowEndAt } from "./lease-window";

// The per-organization API rate limit: `limit` requests in each one-second window, shared
// by every web process through one ApiRateWindow row per organization, leased in chunks of
// a twentieth of the limit (lease-window.ts), so a busy organization costs one statement
// per chunk, not per request.

/** Takes up to `wanted` tokens of the organization's current window; returns what it got and until when. */
export function leaseApiTokens(orgId: string, wanted: number, limit: number, now = Date.now()): Promise<Lease> {
  return leaseWindow("ApiRateWindow", orgId, wanted, limit, windowEndAt(now));
}

// On globalThis: every route bundle of the server must share one set of leases.
const store = globalThis as unknown as { __pigeonApiLeases?: WindowLeases };
const leases = (store.__pigeonApiLeases ??= new WindowLeases({
  lease: (orgId, wanted, limit, windowEnd) => leaseWindow("ApiRateWindow", orgId, wanted, limit, windowEnd),
  now: Date.now,
  chunksPerWindow: 20,
  isUnavailable: isDatabaseUnavailable,
  // A database that cannot take the window's write (full, read-only, unreachable) must not
  // turn every API call into an error: reads may still work. This process then counts the
  // window alone, up to the whole limit, until the database takes writes again.
  unavailable: (orgId, limit, error, windowEnd) => {
    log().warn({ orgId, err: errorField(error) }, "API rate window not written; counting it in this process");
    return { granted: limit, windowEnd };
  },
}));

function refuse(orgId: string, limit: number, windowEnd: number, firstRefusal: boolean): AppError {
  const seconds = Math.max(1, Math.ceil((windowEnd - Date.now()) / 1000));
  if (firstRefusal) log().warn({ orgId, limit }, "API rate limit reached");
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
  const taken = await leases.take(orgId, 1, limit);
  if (!taken.taken) throw refuse(orgId, limit, taken.windowEnd, taken.firstRefusal);
}
