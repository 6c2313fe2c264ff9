"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { listAuditEvents } from "@/lib/audit/list-audit-events";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";
import { listUrl } from "./list-page";

/** The audit log's filters, as the page's query string and the API's carry them. */
export interface AuditFilters {
  /** A user's or API key's id, or "api_key", "portal", "system". */
  actor?: string;
  /** One action, or a few separated by commas. */
  action?: string;
  since?: string;
  until?: string;
}

export const auditKeys = {
  all: ["audit"] as const,
  lists: () => [...auditKeys.all, "list"] as const,
  list: (filters: AuditFilters) => [...auditKeys.lists(), filters] as const,
};

export type AuditPage = Jsonify<Awaited<ReturnType<typeof listAuditEvents>>>;
export type AuditRow = AuditPage["data"][number];

export function useAuditQuery(filters: AuditFilters = {}) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchJson<AuditPage>(listUrl("/api/console/audit", { ...filters, before: pageParam })),
    getNextPageParam: (page) => page.nextBefore,
    // A new filter keeps the old rows on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
