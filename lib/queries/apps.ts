"use client";

import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TApplicationIn, TApplicationPatch } from "@/lib/apps/schemas";
import type { ApplicationOut } from "@/lib/apps/serialize-application";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";
import { type ListPage, listUrl, nextIterator } from "./list-page";

export const appKeys = {
  all: ["apps"] as const,
  list: () => [...appKeys.all, "list"] as const,
  detail: (id: string) => [...appKeys.all, "detail", id] as const,
};

export type Application = Jsonify<ApplicationOut>;

export const APPS_PAGE_SIZE = 50;
const base = "/api/v1/app";

export function useAppsQuery() {
  return useInfiniteQuery({
    queryKey: appKeys.list(),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchJson<ListPage<Application>>(listUrl(base, { limit: APPS_PAGE_SIZE, iterator: pageParam })),
    getNextPageParam: nextIterator,
  });
}

export function useAppQuery(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: appKeys.detail(id),
    queryFn: () => fetchJson<Application>(`${base}/${encodeURIComponent(id)}`),
    // The list already holds the row when we come from it: show it at once, then refresh.
    placeholderData: () =>
      queryClient
        .getQueryData<InfiniteData<ListPage<Application>>>(appKeys.list())
        ?.pages.flatMap((page) => page.data)
        .find((app) => app.id === id || app.uid === id),
  });
}

export function useCreateAppMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TApplicationIn) => fetchJson<Application>(base, { method: "POST", body: JSON.stringify(input) }),
    onSuccess: (app) => queryClient.setQueryData(appKeys.detail(app.id), app),
    onSettled: () => queryClient.invalidateQueries({ queryKey: appKeys.list() }),
  });
}

export function useUpdateAppMutation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TApplicationPatch) => fetchJson<Application>(`${base}/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(input) }),
    onSuccess: (app) => queryClient.setQueryData(appKeys.detail(id), app),
    onSettled: () => queryClient.invalidateQueries({ queryKey: appKeys.all }),
  });
}

export function useDeleteAppMutation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<null>(`${base}/${encodeURIComponent(id)}`, { method: "DELETE" }),
    // The detail is not refetched (it would only answer 404 while the page leaves); it
    // expires from the cache once nothing shows it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.list() }),
  });
}
