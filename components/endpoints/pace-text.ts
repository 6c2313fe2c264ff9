import type { Endpoint } from "@/lib/queries/endpoints";

// An endpoint's pace settings (batching, ordering, rate limit) in words, for its page.

/** 2000 → "2 s", 500 → "500 ms", 90000 → "1.5 min". */
export function waitText(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 6000) / 10} min`;
}

export function batchingText(endpoint: Pick<Endpoint, "batch">): string {
  const { batch } = endpoint;
  if (!batch) return "Off: one message per POST";
  const wait = batch.maxWaitMs ? `, waiting up to ${waitText(batch.maxWaitMs)} to fill` : ", sent as soon as any wait";
  return `Up to ${batch.maxSize.toLocaleString()} messages per POST${wait}`;
}

export function orderingText(endpoint: Pick<Endpoint, "ordering" | "fifoOnExhausted">): string {
  if (endpoint.ordering !== "fifo") return "Any order";
  return endpoint.fifoOnExhausted === "halt"
    ? "In order (FIFO), one at a time; halts at a message that runs out of retries"
    : "In order (FIFO), one at a time; skips a message that runs out of retries";
}

export function rateLimitText(endpoint: Pick<Endpoint, "throttleRate" | "batch">): string | null {
  if (!endpoint.throttleRate) return null;
  return endpoint.batch
    ? `${endpoint.throttleRate.toLocaleString()} requests/s (a batch counts as one)`
    : `${endpoint.throttleRate.toLocaleString()} messages/s`;
}
