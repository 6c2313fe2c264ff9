"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { AttemptOut } from "@/lib/attempts/serialize-attempt";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";
import { fetchKeysetPage, type ListPage, listUrl, nextIterator } from "./list-page";
import { LIVE_INTERVAL_MS } from "./live";

// Every key of an application's attempts starts with ["attempts", appId], so a resend or
// a recover can refresh all the attempt lists of that application.
export const attemptKeys = {
  all: ["attempts"] as const,
  app: (appId: string) => [...attemptKeys.all, appId] as const,
  byMessage: (appId: string, msgId: string) => [...attemptKeys.app(appId), "msg", msgId] as const,
  byEndpoint: (appId: string, endpointId: string, filters: AttemptFilters, withContent = false) =>
    [...attemptKeys.app(appId), "endpoint", endpointId, filters, { withContent }] as const,
  responseTime: (appId: string, endpointId: string) => [...attemptKeys.app(appId), "response-time", endpointId] as const,
};

/** An attempt; listed with `with_msg`, its message (without payload) comes along as `msg`. */
export type Attempt = Jsonify<AttemptOut>;

/** The attempt-list filters of the Svix API. */
export interface AttemptFilters {
  status?: "0" | "2";
  statusCodeClass?: "200" | "300" | "400" | "500" | "0";
  eventType?: string;
  after?: string;
  before?: string;
  iterator?: string;
}

export const ATTEMPTS_PAGE_SIZE = 15;
const appPath = (appId: string) => `/api/v1/app/${encodeURIComponent(appId)}`;

/** Every attempt of a message, newest first, a page at a time (live). */
export function useMessageAttemptsQuery(appId: string, msgId: string, refetchInterval: number | false = LIVE_INTERVAL_MS) {
  return useInfiniteQuery({
    queryKey: attemptKeys.byMessage(appId, msgId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      fetchJson<ListPage<Attempt>>(listUrl(`${appPath(appId)}/attempt/msg/${encodeURIComponent(msgId)}`, { limit: 50, iterator: pageParam })),
    getNextPageParam: nextIterator,
    refetchInterval,
  });
}

/**
 * One page of an endpoint's attempts (keyset: the iterator is part of the filters). Their
 * response bodies only `withContent`: a polling endpoint's reads, whose body is one line
 * saying who read the message and how.
 */
export function useEndpointAttemptsQuery(appId: string, endpointId: string, filters: AttemptFilters, { withContent = false } = {}) {
  return useQuery({
    queryKey: attemptKeys.byEndpoint(appId, endpointId, filters, withContent),
    queryFn: () =>
      fetchKeysetPage(
        (limit) =>
          fetchJson<ListPage<Attempt>>(
            listUrl(`${appPath(appId)}/attempt/endpoint/${encodeURIComponent(endpointId)}`, {
              limit,
              iterator: filters.iterator,
              status: filters.status,
              status_code_class: filters.statusCodeClass,
              event_types: filters.eventType,
              after: filters.after,
              before: filters.before,
              with_content: withContent,
              with_msg: true,
            }),
          ),
        filters.iterator,
        ATTEMPTS_PAGE_SIZE,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/**
 * How long the endpoint took to answer lately: the median of its last successful attempts,
 * or null before it has any. Read once per visit (it feeds an estimate, not a live figure).
 */
export function useRecentResponseTimeQuery(appId: string, endpointId: string | null) {
  return useQuery({
    queryKey: attemptKeys.responseTime(appId, endpointId ?? ""),
    queryFn: async () => {
      const page = await fetchJson<ListPage<Attempt>>(
        listUrl(`${appPath(appId)}/attempt/endpoint/${encodeURIComponent(endpointId!)}`, { limit: 20, status: "0", with_content: false }),
      );
      const durations = page.data.map((a) => a.responseDurationMs).sort((a, b) => a - b);
      return durations.length ? durations[Math.floor(durations.length / 2)]! : null;
    },
    enabled: !!endpointId,
    staleTime: 60_000,
  });
}
