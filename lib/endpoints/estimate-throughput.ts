// What the console tells people about an endpoint's pace: a FIFO endpoint sends one
// request at a time, so its round trip bounds it; a batch carries several messages per
// request; the rate limit counts requests (a batch is one).

/** A worker's own share of each FIFO round trip: recording the attempt and promoting the next delivery. */
export const FIFO_OVERHEAD_MS = 5;

export interface PaceSettings {
  fifo: boolean;
  /** Messages per request: the batch's maximum size, 1 without batching. */
  batchSize: number;
  /** Requests per second, null for no limit. */
  throttleRate: number | null;
}

/** At most how many messages per second reach the endpoint, or null when nothing but the receiver bounds it. */
export function estimateThroughput({ fifo, batchSize, throttleRate }: PaceSettings, responseMs: number): number | null {
  const perRequest = Math.max(1, batchSize);
  const bounds: number[] = [];
  if (fifo) bounds.push((perRequest * 1000) / (Math.max(0, responseMs) + FIFO_OVERHEAD_MS));
  if (throttleRate) bounds.push(perRequest * throttleRate);
  return bounds.length ? Math.min(...bounds) : null;
}

/** "about 190", "about 4.8", "under 1": a rate rounded as loosely as an estimate deserves. */
export function formatRate(rate: number): string {
  if (rate < 1) return "under 1";
  if (rate < 10) return `about ${Math.round(rate * 10) / 10}`;
  const digits = Math.floor(Math.log10(rate)) - 1;
  const step = 10 ** digits;
  return `about ${(Math.round(rate / step) * step).toLocaleString("en")}`;
}
