"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { getBatch, listBatches } from "@/lib/batches/list-batches";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";
import { listUrl, nextIterator } from "./list-page";
import { LIVE_INTERVAL_MS } from "./live";

// A batching endpoint's batches. Every key starts with ["batches", appId, endpointId]; a
// batch's detail changes while it is retried, so it is live too.
export const batchKeys = {
  all: ["batches"] as const,
  endpoint: (appId: string, endpointId: string) => [...batchKeys.all, appId, endpointId] as const,
  list: (appId: string, endpointId: string) => [...batchKeys.endpoint(appId, endpointId), "list"] as const,
  detail: (appId: string, endpointId: string, batchId: string) => [...batchKeys.endpoint(appId, endpointId), "detail", batchId] as const,
};

/** A batch as listed: its size, how often it was POSTed and how the last POST went. */
export type Batch = Jsonify<Awaited<ReturnType<typeof listBatches>>>["data"][number];
/** One batch with each of its POSTs (oldest first) and the messages it carried. */
export type BatchDetail = Jsonify<Awaited<ReturnType<typeof getBatch>>>;

export const BATCHES_PAGE_SIZE = 10;
const batchPath = (appId: string, endpointId: string, batchId?: string) =>
  `/api/v1/app/${encodeURIComponent(appId)}/endpoint/${encodeURIComponent(endpointId)}/batch${batchId ? `/${encodeURIComponent(batchId)}` : ""}`;

/** The endpoint's batches, newest first; "load more" adds older pages, and every loaded page stays live. */
export function useEndpointBatchesQuery(appId: string, endpointId: string) {
  return useInfiniteQuery({
    queryKey: batchKeys.list(appId, endpointId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      fetchJson<Jsonify<Awaited<ReturnType<typeof listBatches>>>>(listUrl(batchPath(appId, endpointId), { limit: BATCHES_PAGE_SIZE, iterator: pageParam })),
    getNextPageParam: nextIterator,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

export function useBatchQuery(appId: string, endpointId: string, batchId: string | null) {
  return useQuery({
    queryKey: batchKeys.detail(appId, endpointId, batchId ?? ""),
    queryFn: () => fetchJson<BatchDetail>(batchPath(appId, endpointId, batchId!)),
    enabled: !!batchId,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}
