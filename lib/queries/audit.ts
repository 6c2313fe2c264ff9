"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { listAuditEvents } from "@/lib/audit/list-audit-events";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";

export const auditKeys = {
  all: ["audit"] as const,
  list: () => [...auditKeys.all, "list"] as const,
};

export type AuditPage = Jsonify<Awaited<ReturnType<typeof listAuditEvents>>>;
export type AuditRow = AuditPage["data"][number];

export function useAuditQuery() {
  return useInfiniteQuery({
    queryKey: auditKeys.list(),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchJson<AuditPage>(`/api/console/audit${pageParam ? `?before=${pageParam}` : ""}`),
    getNextPageParam: (page) => page.nextBefore,
  });
}
