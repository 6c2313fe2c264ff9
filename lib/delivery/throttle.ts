// Per-endpoint throttling (throttleRate, messages per second): a token bucket per endpoint
// in each worker process. Deliveries over the rate are not sent now but moved to the time
// their turn comes, spread evenly, so the receiver sees a steady stream.

export interface Bucket {
  tokens: number;
  at: number;
}

const store = globalThis as unknown as { __pigeonBuckets?: Map<string, Bucket> };
const buckets = (store.__pigeonBuckets ??= new Map());

/**
 * Splits one endpoint's deliveries (in order) into those to send now and the times the
 * rest become due. The bucket holds at most one second's worth of tokens.
 */
export function planThrottle<T>(items: readonly T[], rate: number, bucket: Bucket, now: number): { send: T[]; defer: { item: T; at: number }[] } {
  const tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
  const allowed = Math.max(0, Math.floor(tokens));
  const send = items.slice(0, allowed);
  const defer = items.slice(allowed).map((item, index) => ({ item, at: now + Math.ceil(((index + 1 - (tokens - allowed)) / rate) * 1000) }));
  bucket.tokens = tokens - send.length;
  bucket.at = now;
  return { send, defer };
}

/** Applies each endpoint's rate to a batch; unthrottled endpoints pass untouched. */
export function throttle<T>(items: readonly T[], endpointOf: (item: T) => string, rateOf: (item: T) => number | null, now = Date.now()) {
  const send: T[] = [];
  const defer: { item: T; at: number }[] = [];
  const groups = new Map<string, T[]>();
  for (const item of items) {
    if (!rateOf(item)) send.push(item);
    else groups.set(endpointOf(item), [...(groups.get(endpointOf(item)) ?? []), item]);
  }
  for (const [endpointId, group] of groups) {
    const rate = rateOf(group[0]!)!;
    let bucket = buckets.get(endpointId);
    if (!bucket) buckets.set(endpointId, (bucket = { tokens: rate, at: now }));
    const plan = planThrottle(group, rate, bucket, now);
    send.push(...plan.send);
    defer.push(...plan.defer);
  }
  return { send, defer };
}
