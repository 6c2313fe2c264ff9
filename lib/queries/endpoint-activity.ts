"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { getEndpointSeries, SeriesRange } from "@/lib/endpoints/get-endpoint-series";
import type { countDeliveryStates } from "@/lib/endpoints/count-delivery-states";
import type { MessageOut } from "@/lib/messages/serialize-message";
import type { serializeTask } from "@/lib/tasks/serialize-task";
import { attemptKeys } from "./attempts";
import { endpointKeys } from "./endpoints";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";
import { type ListPage, listUrl } from "./list-page";
import { BUSY_INTERVAL_MS, LIVE_INTERVAL_MS } from "./live";
import { type MessageLogDelivery, type MessageLogRow, messageKeys } from "./messages";

// What an endpoint has been doing: its deliveries by the message log's states, its success/failure series,
// what waits for a retry, and the actions that send to it (test event, recover).
export const endpointActivityKeys = {
  all: ["endpoint-activity"] as const,
  endpoint: (appId: string, endpointId: string) => [...endpointActivityKeys.all, appId, endpointId] as const,
  states: (appId: string, endpointId: string) => [...endpointActivityKeys.endpoint(appId, endpointId), "states"] as const,
  series: (appId: string, endpointId: string, range: SeriesRange) => [...endpointActivityKeys.endpoint(appId, endpointId), "series", range] as const,
  retries: (appId: string, endpointId: string) => [...endpointActivityKeys.endpoint(appId, endpointId), "retries"] as const,
  task: (taskId: string) => [...endpointActivityKeys.all, "task", taskId] as const,
};

export type { SeriesRange };
export type EndpointStateCounts = Jsonify<Awaited<ReturnType<typeof countDeliveryStates>>>;
export type EndpointSeries = Jsonify<Awaited<ReturnType<typeof getEndpointSeries>>>;
/** Besides done and total, `data` holds the task's own figures (e.g. why a recover failed). */
export type BackgroundTask = Jsonify<ReturnType<typeof serializeTask>> & { data: Record<string, unknown> };
/** A delivery to this endpoint waiting for its next try, from the message log. */
export type PendingRetry = Pick<MessageLogRow, "eventType"> & Pick<MessageLogDelivery, "attempts" | "nextAttemptAt" | "lastStatusCode"> & { messageId: string };

const endpointPath = (appId: string, endpointId: string, rest = "") =>
  `/api/v1/app/${encodeURIComponent(appId)}/endpoint/${encodeURIComponent(endpointId)}${rest}`;

const consolePath = (appId: string, endpointId: string, rest: string) =>
  `/api/console/apps/${encodeURIComponent(appId)}/endpoints/${encodeURIComponent(endpointId)}${rest}`;

/** The endpoint's deliveries counted in the states (and words) the message log shows. */
export function useEndpointStatesQuery(appId: string, endpointId: string) {
  return useQuery({
    queryKey: endpointActivityKeys.states(appId, endpointId),
    queryFn: () => fetchJson<EndpointStateCounts>(consolePath(appId, endpointId, "/states")),
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

export function useEndpointSeriesQuery(appId: string, endpointId: string, range: SeriesRange) {
  return useQuery({
    queryKey: endpointActivityKeys.series(appId, endpointId, range),
    queryFn: () => fetchJson<EndpointSeries>(listUrl(consolePath(appId, endpointId, "/series"), { range })),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_INTERVAL_MS * 6,
  });
}

/** The endpoint's deliveries waiting for a retry after a failure, with when it is due (from the message log). */
export function usePendingRetriesQuery(appId: string, endpointId: string, limit = 10) {
  return useQuery({
    queryKey: endpointActivityKeys.retries(appId, endpointId),
    queryFn: async () => {
      const page = await fetchJson<ListPage<MessageLogRow>>(
        listUrl(`/api/console/apps/${encodeURIComponent(appId)}/message-log`, { limit, status: "failing", endpoint_id: endpointId }),
      );
      const rows: PendingRetry[] = [];
      for (const message of page.data) {
        const delivery = message.deliveries.find((d) => d.endpointId === endpointId);
        if (delivery)
          rows.push({
            messageId: message.id,
            eventType: message.eventType,
            attempts: delivery.attempts,
            nextAttemptAt: delivery.nextAttemptAt,
            lastStatusCode: delivery.lastStatusCode,
          });
      }
      return { rows, more: !page.done };
    },
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** Everything this endpoint's delivery state feeds: stats, series, retries, attempts and the message log. */
function refreshActivity(queryClient: ReturnType<typeof useQueryClient>, appId: string, endpointId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: endpointActivityKeys.endpoint(appId, endpointId) }),
    queryClient.invalidateQueries({ queryKey: attemptKeys.app(appId) }),
    queryClient.invalidateQueries({ queryKey: messageKeys.logs(appId) }),
  ]);
}

export function useSendExampleMutation(appId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { eventType: string; payload?: Record<string, unknown> }) =>
      fetchJson<Jsonify<MessageOut>>(endpointPath(appId, endpointId, "/send-example"), { method: "POST", body: JSON.stringify(input) }),
    onSettled: () => refreshActivity(queryClient, appId, endpointId),
  });
}

export function useRecoverMutation(appId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { since: string; until?: string | null }) =>
      fetchJson<Pick<BackgroundTask, "id" | "status" | "task" | "updatedAt">>(endpointPath(appId, endpointId, "/recover"), {
        method: "POST",
        body: JSON.stringify(input),
      }),
    // A recover also answers the endpoint's recover offer (the server withdraws it).
    onSettled: () =>
      Promise.all([refreshActivity(queryClient, appId, endpointId), queryClient.invalidateQueries({ queryKey: endpointKeys.detail(appId, endpointId) })]),
  });
}

/** A background task, polled every second until it is no longer running. */
export function useBackgroundTaskQuery(taskId: string | null) {
  return useQuery({
    queryKey: endpointActivityKeys.task(taskId ?? ""),
    queryFn: () => fetchJson<BackgroundTask>(`/api/v1/background-task/${encodeURIComponent(taskId!)}`),
    enabled: !!taskId,
    refetchInterval: (query) => (query.state.data?.status === "running" || !query.state.data ? BUSY_INTERVAL_MS : false),
  });
}
