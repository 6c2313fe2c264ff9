"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { SeriesRange } from "@/lib/endpoints/get-endpoint-series";
import type { Overview as OverviewOut } from "@/lib/overview/get-overview";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";
import { listUrl } from "./list-page";
import { LIVE_INTERVAL_MS } from "./live";

// The overview of the organization, or of one application (appId), per chart range.
export const overviewKeys = {
  all: ["overview"] as const,
  scope: (appId: string | null) => [...overviewKeys.all, appId ?? "org"] as const,
  range: (appId: string | null, range: SeriesRange) => [...overviewKeys.scope(appId), range] as const,
};

export type Overview = Jsonify<OverviewOut>;
export type TroubledEndpoint = Overview["troubledEndpoints"][number];

export function useOverviewQuery(appId: string | null, range: SeriesRange) {
  const path = appId ? `/api/console/apps/${encodeURIComponent(appId)}/overview` : "/api/console/overview";
  return useQuery({
    queryKey: overviewKeys.range(appId, range),
    queryFn: () => fetchJson<Overview>(listUrl(path, { range })),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}
