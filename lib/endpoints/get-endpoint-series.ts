import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { fromZodError } from "@/lib/errors";
import { findEndpoint } from "./find-endpoint";

// The endpoint health chart: successful and failed attempts per bucket, from the
// per-minute counters (never the attempts table).

const RANGES = {
  "24h": { seconds: 24 * 3600, bucketSeconds: 3600 },
  "7d": { seconds: 7 * 24 * 3600, bucketSeconds: 6 * 3600 },
} as const;
export type SeriesRange = keyof typeof RANGES;

export function parseSeriesRange(url: URL): SeriesRange {
  const result = z
    .object({ range: z.enum(["24h", "7d"], { message: 'must be "24h" or "7d"' }).default("24h") })
    .safeParse({ range: url.searchParams.get("range") || undefined });
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data.range;
}

/** The range's whole buckets (epoch milliseconds), the last one holding the current minute. */
export function seriesWindow(range: SeriesRange, now: Date) {
  const { seconds, bucketSeconds } = RANGES[range];
  const bucketMs = bucketSeconds * 1000;
  const end = Math.floor(now.getTime() / bucketMs) * bucketMs + bucketMs;
  return { start: end - seconds * 1000, end, bucketSeconds };
}

export async function getEndpointSeries(auth: AuthContext, appRef: string, endpointRef: string, range: SeriesRange, now: Date = new Date()) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  const { start, end, bucketSeconds } = seriesWindow(range, now);
  const bucketMs = bucketSeconds * 1000;
  const rows = await db.endpointStat.findMany({
    where: { endpointId: endpoint.id, minute: { gte: new Date(start), lt: new Date(end) } },
    select: { minute: true, attempts: true, failures: true },
  });
  const buckets = Array.from({ length: (end - start) / bucketMs }, (_, i) => ({ start: new Date(start + i * bucketMs).toISOString(), success: 0, fail: 0 }));
  for (const row of rows) {
    const bucket = buckets[Math.floor((row.minute.getTime() - start) / bucketMs)];
    if (!bucket) continue;
    bucket.success += row.attempts - row.failures;
    bucket.fail += row.failures;
  }
  return { range, bucketSeconds, buckets };
}
