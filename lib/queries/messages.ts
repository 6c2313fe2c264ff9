"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MessageOut } from "@/lib/messages/serialize-message";
import type { serializeDestination } from "@/lib/messages/list-message-destinations";
import type { listMessageLog, LOG_STATUSES } from "@/lib/messages/list-message-log";
import type { previewRetry } from "@/lib/messages/retry-failed-messages";
import { attemptKeys } from "./attempts";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";
import { fetchKeysetPage, type ListPage, listUrl } from "./list-page";
import { LIVE_INTERVAL_MS } from "./live";

// Every key of an application's messages starts with ["messages", appId].
export const messageKeys = {
  all: ["messages"] as const,
  app: (appId: string) => [...messageKeys.all, appId] as const,
  logs: (appId: string) => [...messageKeys.app(appId), "log"] as const,
  log: (appId: string, filters: MessageLogFilters) => [...messageKeys.logs(appId), filters] as const,
  retryPreview: (appId: string, filters: MessageLogFilters) => [...messageKeys.app(appId), "retry-preview", filters] as const,
  detail: (appId: string, id: string) => [...messageKeys.app(appId), "detail", id] as const,
  destinations: (appId: string, id: string) => [...messageKeys.app(appId), "destinations", id] as const,
};

export type Message = Jsonify<MessageOut>;
export type MessageDestination = Jsonify<ReturnType<typeof serializeDestination>>;
export type DeliveryState = MessageDestination["deliveryStatus"];
export type LogStatus = (typeof LOG_STATUSES)[number];

/** A message of the console's log, with each of its deliveries' state. */
export type MessageLogRow = Jsonify<Awaited<ReturnType<typeof listMessageLog>>>["data"][number];
export type MessageLogDelivery = MessageLogRow["deliveries"][number];
/** A page of the log, with how many messages its filters match and, for a payload search, how far it looked. */
export type MessageLogPage = ListPage<MessageLogRow> & Pick<Jsonify<Awaited<ReturnType<typeof listMessageLog>>>, "total" | "search">;

/** The message log's filters and page, as they appear in the page's query string. */
export interface MessageLogFilters {
  status?: LogStatus;
  eventType?: string;
  endpointId?: string;
  after?: string;
  before?: string;
  q?: string;
  /** A string or number value anywhere in the payload. */
  payload?: string;
  iterator?: string;
  limit?: number;
}

export const MESSAGES_PAGE_SIZE = 25;
const appPath = (appId: string) => `/api/v1/app/${encodeURIComponent(appId)}`;
const msgPath = (appId: string, id: string, rest = "") => `${appPath(appId)}/msg/${encodeURIComponent(id)}${rest}`;
/** The log's filters as the API's query parameters. */
const logFilterParams = (filters: MessageLogFilters) => ({
  status: filters.status,
  event_type: filters.eventType,
  endpoint_id: filters.endpointId,
  after: filters.after,
  before: filters.before,
  q: filters.q,
  payload: filters.payload,
});

export function useMessageLogQuery(appId: string, filters: MessageLogFilters, { live = true } = {}) {
  return useQuery({
    queryKey: messageKeys.log(appId, filters),
    queryFn: () =>
      fetchKeysetPage(
        (limit) =>
          fetchJson<MessageLogPage>(
            listUrl(`/api/console/apps/${encodeURIComponent(appId)}/message-log`, {
              limit,
              iterator: filters.iterator,
              ...logFilterParams(filters),
            }),
          ),
        filters.iterator,
        filters.limit ?? MESSAGES_PAGE_SIZE,
      ) as Promise<MessageLogPage>,
    // A new filter keeps the old rows on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
  });
}

export function useMessageQuery(appId: string, id: string) {
  return useQuery({ queryKey: messageKeys.detail(appId, id), queryFn: () => fetchJson<Message>(msgPath(appId, id)), staleTime: 60_000 });
}

/** The endpoints the message goes to, with each delivery's state (live). */
export function useMessageDestinationsQuery(appId: string, id: string, refetchInterval: number | false = LIVE_INTERVAL_MS) {
  return useQuery({
    queryKey: messageKeys.destinations(appId, id),
    queryFn: () => fetchJson<ListPage<MessageDestination>>(listUrl(msgPath(appId, id, "/endpoint"), { limit: 250 })).then((page) => page.data),
    refetchInterval,
  });
}

/** One manual attempt to one endpoint; it is recorded a moment after the 202, so callers poll briefly. */
export function useResendMutation(appId: string, msgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) =>
      fetchJson<unknown>(msgPath(appId, msgId, `/endpoint/${encodeURIComponent(endpointId)}/resend`), { method: "POST", body: "{}" }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: messageKeys.destinations(appId, msgId) }),
        queryClient.invalidateQueries({ queryKey: attemptKeys.app(appId) }),
        queryClient.invalidateQueries({ queryKey: messageKeys.logs(appId) }),
      ]),
  });
}

const retryPath = (appId: string) => `/api/console/apps/${encodeURIComponent(appId)}/message-log/retry`;

export type RetrySummary = Jsonify<Awaited<ReturnType<typeof previewRetry>>>;

/** How many failed deliveries a bulk retry of these filters would send again (asked when the dialog opens). */
export function useRetryPreviewQuery(appId: string, filters: MessageLogFilters, enabled: boolean) {
  return useQuery({
    queryKey: messageKeys.retryPreview(appId, filters),
    queryFn: () => fetchJson<RetrySummary>(listUrl(retryPath(appId), logFilterParams(filters))),
    enabled,
    staleTime: 0,
  });
}

/** Sends the filtered failures again; `idempotencyKey` is one per confirmation, so a repeated submit acts once. */
export function useRetryFailedMutation(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ filters, idempotencyKey }: { filters: MessageLogFilters; idempotencyKey: string }) =>
      fetchJson<RetrySummary>(listUrl(retryPath(appId), logFilterParams(filters)), {
        method: "POST",
        body: "{}",
        headers: { "idempotency-key": idempotencyKey },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: messageKeys.app(appId) }),
  });
}
