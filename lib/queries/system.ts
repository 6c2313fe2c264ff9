"use client";

import { useQuery } from "@tanstack/react-query";
import type { Readiness } from "@/lib/ops/check-readiness";
import { fetchJson } from "./fetch-json";

// One key factory per resource: every key for a resource starts with its root, so a
// mutation can invalidate exactly its own resource.
export const systemKeys = {
  all: ["system"] as const,
  ready: () => [...systemKeys.all, "ready"] as const,
};

export function useReadinessQuery() {
  return useQuery({
    queryKey: systemKeys.ready(),
    queryFn: () => fetchJson<Readiness>("/api/ready").catch(() => null),
    refetchInterval: 30_000,
  });
}
