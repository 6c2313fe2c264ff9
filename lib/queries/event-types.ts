"use client";

import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TEventTypeIn, TEventTypePatch } from "@/lib/event-types/schemas";
import type { EventTypeOut } from "@/lib/event-types/serialize-event-type";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";
import { type ListPage, listUrl } from "./list-page";

export const eventTypeKeys = {
  all: ["event-types"] as const,
  lists: () => [...eventTypeKeys.all, "list"] as const,
  list: (includeArchived: boolean) => [...eventTypeKeys.lists(), { includeArchived }] as const,
  detail: (name: string) => [...eventTypeKeys.all, "detail", name] as const,
};

export type EventType = Jsonify<EventTypeOut>;

const base = "/api/v1/event-type";
const MAX_PAGES = 40;

/** The whole catalogue (it is read as one list by the table and the endpoint form's picker). */
async function fetchCatalogue(includeArchived: boolean): Promise<EventType[]> {
  const rows: EventType[] = [];
  let iterator: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: ListPage<EventType> = await fetchJson(listUrl(base, { limit: 250, iterator, include_archived: includeArchived || null }));
    rows.push(...page.data);
    if (page.done || !page.iterator) break;
    iterator = page.iterator;
  }
  return rows;
}

export function useEventTypesQuery({ includeArchived = false } = {}) {
  return useQuery({ queryKey: eventTypeKeys.list(includeArchived), queryFn: () => fetchCatalogue(includeArchived), staleTime: 30_000 });
}

const refresh = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: eventTypeKeys.all });

export function useCreateEventTypeMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TEventTypeIn) => fetchJson<EventType>(base, { method: "POST", body: JSON.stringify(input) }),
    onSettled: () => refresh(queryClient),
  });
}

export function useUpdateEventTypeMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, ...input }: TEventTypePatch & { name: string }) =>
      fetchJson<EventType>(`${base}/${encodeURIComponent(name)}`, { method: "PATCH", body: JSON.stringify(input) }),
    onSettled: () => refresh(queryClient),
  });
}

/**
 * Archives (DELETE) or unarchives (PATCH archived=false) an event type. Every cached list
 * shows the change at once; the lists are put back if the server refuses.
 */
export function useSetEventTypeArchivedMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, archived }: { name: string; archived: boolean }) =>
      archived
        ? fetchJson<null>(`${base}/${encodeURIComponent(name)}`, { method: "DELETE" })
        : fetchJson<EventType>(`${base}/${encodeURIComponent(name)}`, { method: "PATCH", body: JSON.stringify({ archived: false }) }),
    onMutate: async ({ name, archived }) => {
      await queryClient.cancelQueries({ queryKey: eventTypeKeys.lists() });
      const before = queryClient.getQueriesData<EventType[]>({ queryKey: eventTypeKeys.lists() });
      for (const [key, rows] of before) {
        if (!rows) continue;
        const includeArchived = (key[2] as { includeArchived?: boolean } | undefined)?.includeArchived;
        const changed = rows.map((row) => (row.name === name ? { ...row, archived } : row));
        queryClient.setQueryData(key, includeArchived ? changed : changed.filter((row) => !row.archived));
      }
      return before;
    },
    onError: (_error, _input, before) => {
      for (const [key, rows] of before ?? []) queryClient.setQueryData(key, rows);
    },
    onSettled: () => refresh(queryClient),
  });
}

export interface UndocumentedEventType {
  name: string;
  apps: number;
  lastSeenAt: string;
  example: unknown;
}

/** Event types seen in messages but not in the catalogue. */
export function useUndocumentedEventTypesQuery() {
  return useQuery({
    queryKey: [...eventTypeKeys.all, "undocumented"],
    queryFn: () => fetchJson<{ data: UndocumentedEventType[] }>("/api/console/event-types/undocumented").then((page) => page.data),
    staleTime: 30_000,
  });
}
