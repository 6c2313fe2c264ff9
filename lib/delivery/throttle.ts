import { errorField, log } from "@/lib/ops/log";
import { type Lease, leaseWindow, WINDOW_MS, WindowLeases } from "@/lib/rate-limit/lease-window";
import { isDatabaseUnavailable } from "@/lib/sql/database-unavailable";
import { dbNow } from "@/lib/sql/db-clock";

// Per-endpoint throttling (throttleRate, requests per second), held by all workers together:
// each endpoint's one-second windows, on the database's clock, are a ThrottleWindow row from
// which a worker leases a tenth of the rate at a time (../rate-limit/lease-window.ts), so a
// throttled endpoint costs about ten statements a second, whatever the number of workers.
//
// The bound: the row grants at most the rate in a window, and a worker spends a token only
// until 100 ms before the end of its window on its reckoning of the database's clock, so
// what it lets through arrives within the window. A window can see more than the rate only
// through what a worker let through of the previous one and sent more than those 100 ms
// late (its clock offset's error, a starved process): at most one claim's tokens, and a
// worker holds at most one chunk unspent. Under-used at most by what workers still hold when
// they stop spending a window: under a chunk each.
//
// What gets no token is not sent now but waits for the next window, spread over it, and a
// worker claims nothing more of that endpoint until then (fair-share.ts), so a backlog
// stays in the queue instead of being claimed and put back. A database that cannot take the
// window's write cannot take the attempts' either: the worker then sends nothing to
// throttled endpoints and tries again the next window.

/** Leases of an endpoint's window: a tenth of its rate. */
export const CHUNKS_PER_WINDOW = 10;

/** A worker lets nothing through in a window's last 100 ms, so what it sends arrives within the window. */
export const CLOSE_EARLY_MS = 100;

const store = globalThis as unknown as { __pigeonThrottleLeases?: WindowLeases };
const leases = (store.__pigeonThrottleLeases ??= new WindowLeases({
  lease: (endpointId, wanted, rate, windowEnd) => leaseWindow("ThrottleWindow", endpointId, wanted, rate, windowEnd),
  now: dbNow,
  chunksPerWindow: CHUNKS_PER_WINDOW,
  closeEarlyMs: CLOSE_EARLY_MS,
  isUnavailable: isDatabaseUnavailable,
  unavailable: (endpointId, rate, error, windowEnd): Lease => {
    log().warn({ endpointId, err: errorField(error) }, "throttle window not written; sending nothing to the endpoint this window");
    return { granted: 0, windowEnd };
  },
}));

/** Times in the window after `windowEnd` for `count` deliveries, in order, evenly spaced from a point `phase` (0–1) of the first slot. */
export function spreadTurns(count: number, windowEnd: number, phase: number): number[] {
  return Array.from({ length: count }, (_, i) => windowEnd + Math.floor(((i + phase) / count) * WINDOW_MS));
}

/** Endpoints whose window this worker knows to be spent, and when their next one opens: a claim skips them. */
export const throttledEndpoints = (now?: number): Map<string, number> => leases.spent(now);

/**
 * Applies each endpoint's rate to a claim's items, in their order. An item is one request
 * and counts `unitsOf(item)` (1 unless given): a batch of messages in one request can count
 * as one. What gets no token, and everything after it to the same endpoint, waits for the
 * endpoint's next window, spread over it. Unthrottled endpoints pass untouched.
 */
export async function throttle<T>(
  items: readonly T[],
  endpointOf: (item: T) => string,
  rateOf: (item: T) => number | null,
  unitsOf: (item: T) => number = () => 1,
): Promise<{ send: T[]; defer: { item: T; at: number }[] }> {
  const send: T[] = [];
  const groups = new Map<string, T[]>();
  for (const item of items) {
    if (!rateOf(item)) send.push(item);
    else groups.set(endpointOf(item), [...(groups.get(endpointOf(item)) ?? []), item]);
  }
  const plans = await Promise.all(
    [...groups].map(async ([endpointId, group]) => {
      const rate = rateOf(group[0]!)!;
      for (let i = 0; i < group.length; i++) {
        const taken = await leases.take(endpointId, unitsOf(group[i]!), rate);
        if (taken.taken) continue;
        if (taken.firstRefusal) log().debug({ endpointId, rate }, "throttle rate reached for this window");
        const waiting = group.slice(i);
        const turns = spreadTurns(waiting.length, taken.windowEnd, Math.random());
        return { send: group.slice(0, i), defer: waiting.map((item, j) => ({ item, at: turns[j]! })) };
      }
      return { send: group, defer: [] };
    }),
  );
  return { send: [...send, ...plans.flatMap((p) => p.send)], defer: plans.flatMap((p) => p.defer) };
}
