"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

export const auditKeys = {
  all: ["audit"] as const,
  list: () => [...auditKeys.all, "list"] as const,
};

export interface AuditRow {
  id: string;
  action: string;
  actor: string;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

export function useAuditQuery() {
  return useInfiniteQuery({
    queryKey: auditKeys.list(),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchJson<{ data: AuditRow[]; nextBefore: string | null }>(`/api/console/audit${pageParam ? `?before=${pageParam}` : ""}`),
    getNextPageParam: (page) => page.nextBefore,
  });
}
