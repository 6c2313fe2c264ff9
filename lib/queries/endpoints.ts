"use client";

import { type InfiniteData, type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TEndpointIn, TEndpointPatch } from "@/lib/endpoints/schemas";
import type { createEndpoint } from "@/lib/endpoints/create-endpoint";
import type { getEndpointHeaders } from "@/lib/endpoints/endpoint-headers";
import type { EndpointOut } from "@/lib/endpoints/serialize-endpoint";
import type { listConsumers } from "@/lib/polling/poll-messages";
import type { rotatePollingToken } from "@/lib/polling/rotate-polling-token";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";
import { type ListPage, listUrl, nextIterator } from "./list-page";
import { LIVE_INTERVAL_MS } from "./live";

// Every key of an application's endpoints starts with ["endpoints", appId], so a change
// can refresh just that application's endpoints. The secret has its own key and is only
// refetched on purpose: each reveal is audited. A polling endpoint's token is never kept
// in the cache at all: it is shown once, from the answer that carries it.
export const endpointKeys = {
  all: ["endpoints"] as const,
  app: (appId: string) => [...endpointKeys.all, appId] as const,
  list: (appId: string) => [...endpointKeys.app(appId), "list"] as const,
  detail: (appId: string, id: string) => [...endpointKeys.app(appId), "detail", id] as const,
  secret: (appId: string, id: string) => [...endpointKeys.app(appId), "secret", id] as const,
  headers: (appId: string, id: string) => [...endpointKeys.app(appId), "headers", id] as const,
  consumers: (appId: string, id: string) => [...endpointKeys.app(appId), "consumers", id] as const,
};

export type Endpoint = Jsonify<EndpointOut>;
/** The custom headers: credential-like values are never sent back, only their names. */
export type EndpointHeaders = Jsonify<Awaited<ReturnType<typeof getEndpointHeaders>>>;
/** The create answer: a polling endpoint's carries its token, this once. */
export type CreatedEndpoint = Endpoint & Partial<Pick<Awaited<ReturnType<typeof createEndpoint>>, "token">>;
/** A polling endpoint's new token (shown once) and the prefix the endpoint shows from now on. */
export type RotatedToken = Jsonify<Awaited<ReturnType<typeof rotatePollingToken>>>;
/** A reader of a polling endpoint whose position the server keeps. */
export type PollConsumer = Jsonify<Awaited<ReturnType<typeof listConsumers>>>["data"][number];

export const ENDPOINTS_PAGE_SIZE = 50;
const path = (appId: string, id?: string, rest = "") => `/api/v1/app/${encodeURIComponent(appId)}/endpoint${id ? `/${encodeURIComponent(id)}` : ""}${rest}`;
const pollerPath = (appId: string, id: string, rest = "") => `/api/v1/app/${encodeURIComponent(appId)}/poller/${encodeURIComponent(id)}${rest}`;

type EndpointPages = InfiniteData<ListPage<Endpoint>>;

export function useEndpointsQuery(appId: string) {
  return useInfiniteQuery({
    queryKey: endpointKeys.list(appId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchJson<ListPage<Endpoint>>(listUrl(path(appId), { limit: ENDPOINTS_PAGE_SIZE, iterator: pageParam })),
    getNextPageParam: nextIterator,
  });
}

export function useEndpointQuery(appId: string, id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: endpointKeys.detail(appId, id),
    queryFn: () => fetchJson<Endpoint>(path(appId, id)),
    placeholderData: () =>
      queryClient
        .getQueryData<EndpointPages>(endpointKeys.list(appId))
        ?.pages.flatMap((page) => page.data)
        .find((endpoint) => endpoint.id === id || endpoint.uid === id),
  });
}

/** The signing secret, fetched only while `enabled` (the Reveal button); never refetched by itself. */
export function useEndpointSecretQuery(appId: string, id: string, enabled: boolean) {
  return useQuery({
    queryKey: endpointKeys.secret(appId, id),
    queryFn: () => fetchJson<{ key: string }>(path(appId, id, "/secret")).then((r) => r.key),
    enabled,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useEndpointHeadersQuery(appId: string, id: string) {
  return useQuery({ queryKey: endpointKeys.headers(appId, id), queryFn: () => fetchJson<EndpointHeaders>(path(appId, id, "/headers")) });
}

/** A polling endpoint's consumers with their positions and last reads (live). */
export function useEndpointConsumersQuery(appId: string, id: string) {
  return useQuery({
    queryKey: endpointKeys.consumers(appId, id),
    queryFn: () => fetchJson<{ data: PollConsumer[] }>(pollerPath(appId, id, "/consumer")).then((r) => r.data),
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** Writes an endpoint into its detail entry and into every list page that holds it. */
function putEndpoint(queryClient: QueryClient, appId: string, id: string, change: (endpoint: Endpoint) => Endpoint) {
  queryClient.setQueryData<Endpoint>(endpointKeys.detail(appId, id), (endpoint) => endpoint && change(endpoint));
  queryClient.setQueryData<EndpointPages>(
    endpointKeys.list(appId),
    (data) => data && { ...data, pages: data.pages.map((page) => ({ ...page, data: page.data.map((e) => (e.id === id ? change(e) : e)) })) },
  );
}

/** Refreshes the endpoint's detail and its application's list (not its secret). */
const refresh = (queryClient: QueryClient, appId: string, id?: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: endpointKeys.list(appId) }),
    id ? queryClient.invalidateQueries({ queryKey: endpointKeys.detail(appId, id) }) : null,
  ]);

export function useCreateEndpointMutation(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TEndpointIn) => fetchJson<CreatedEndpoint>(path(appId), { method: "POST", body: JSON.stringify(input) }),
    onSuccess: ({ token: _shownOnce, ...endpoint }) => queryClient.setQueryData(endpointKeys.detail(appId, endpoint.id), endpoint),
    onSettled: () => refresh(queryClient, appId),
  });
}

export function useUpdateEndpointMutation(appId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TEndpointPatch) => fetchJson<Endpoint>(path(appId, id), { method: "PATCH", body: JSON.stringify(input) }),
    onSuccess: (endpoint) => putEndpoint(queryClient, appId, id, () => endpoint),
    onSettled: () => refresh(queryClient, appId, id),
  });
}

/** Enables or disables an endpoint, shown at once and rolled back if the server refuses. */
export function useSetEndpointDisabledMutation(appId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (disabled: boolean) => fetchJson<Endpoint>(path(appId, id), { method: "PATCH", body: JSON.stringify({ disabled }) }),
    onMutate: async (disabled) => {
      await queryClient.cancelQueries({ queryKey: endpointKeys.detail(appId, id) });
      await queryClient.cancelQueries({ queryKey: endpointKeys.list(appId) });
      const before = {
        detail: queryClient.getQueryData<Endpoint>(endpointKeys.detail(appId, id)),
        list: queryClient.getQueryData<EndpointPages>(endpointKeys.list(appId)),
      };
      const now = new Date().toISOString();
      putEndpoint(queryClient, appId, id, (e) =>
        disabled
          ? { ...e, disabled: true, disabledReason: "manual", disabledAt: now, disabledDetail: null }
          : { ...e, disabled: false, disabledReason: null, disabledAt: null, disabledDetail: null },
      );
      return before;
    },
    onError: (_error, _disabled, before) => {
      if (!before) return;
      queryClient.setQueryData(endpointKeys.detail(appId, id), before.detail);
      queryClient.setQueryData(endpointKeys.list(appId), before.list);
    },
    onSuccess: (endpoint) => putEndpoint(queryClient, appId, id, () => endpoint),
    onSettled: () => refresh(queryClient, appId, id),
  });
}

/**
 * Declines the recover offered after re-enabling: gone for everyone, at once on this page
 * and for good on the server.
 */
export function useDismissRecoverOfferMutation(appId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      fetchJson<Endpoint>(`/api/console/apps/${encodeURIComponent(appId)}/endpoints/${encodeURIComponent(id)}/recover-offer/dismiss`, {
        method: "POST",
        body: "{}",
      }),
    onSuccess: (endpoint) => putEndpoint(queryClient, appId, id, () => endpoint),
    onSettled: () => refresh(queryClient, appId, id),
  });
}

export function useDeleteEndpointMutation(appId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<null>(path(appId, id), { method: "DELETE" }),
    // Only the list is refreshed: the deleted endpoint's own entries would answer 404
    // while its page leaves; they expire once nothing shows them.
    onSuccess: () => refresh(queryClient, appId),
  });
}

/** Rotates the signing secret; the new one is fetched again if it was on screen. */
export function useRotateSecretMutation(appId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<null>(path(appId, id, "/secret/rotate"), { method: "POST", body: "{}" }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: endpointKeys.secret(appId, id) }),
        queryClient.invalidateQueries({ queryKey: endpointKeys.detail(appId, id) }),
      ]),
  });
}

/**
 * A polling endpoint's new token; the old one stops working at once. The answer is the only
 * place the token exists: callers show it and then `reset()` the mutation to forget it.
 */
export function useRotateTokenMutation(appId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<RotatedToken>(path(appId, id, "/token/rotate"), { method: "POST", body: "{}" }),
    onSuccess: ({ tokenPrefix }) => putEndpoint(queryClient, appId, id, (endpoint) => ({ ...endpoint, tokenPrefix })),
    onSettled: () => refresh(queryClient, appId, id),
  });
}

/** Sets some custom headers and deletes others (PATCH …/headers). */
export function useUpdateHeadersMutation(appId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { headers: Record<string, string>; deleteHeaders?: string[] }) =>
      fetchJson<null>(path(appId, id, "/headers"), { method: "PATCH", body: JSON.stringify(input) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: endpointKeys.headers(appId, id) }),
  });
}
