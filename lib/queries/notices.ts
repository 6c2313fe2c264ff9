"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { listNotices, serializeNotice } from "@/lib/notices/list-notices";
import { NOTICE_KINDS } from "@/lib/notices/schemas";
import { fetchJson } from "./fetch-json";
import type { Jsonify } from "./jsonify";
import { fetchKeysetPage, type ListPage, listUrl } from "./list-page";

export { NOTICE_KINDS };
export type NoticeKind = (typeof NOTICE_KINDS)[number];

// The database keeps a notice's kind as text; only the kinds above are ever written.
export type Notice = Omit<Jsonify<ReturnType<typeof serializeNotice>>, "kind"> & { kind: NoticeKind };
export type NoticePage = ListPage<Notice> & Pick<Awaited<ReturnType<typeof listNotices>>, "unread">;

export interface NoticeFilter {
  kind?: NoticeKind | null;
  unread?: boolean;
  iterator?: string | null;
}

export const NOTICES_PAGE_SIZE = 20;

// Everything about notices starts with ["notices"], so reading one refreshes the list and the badge.
export const noticeKeys = {
  all: ["notices"] as const,
  list: (filter: NoticeFilter) => [...noticeKeys.all, "list", filter] as const,
  unread: () => [...noticeKeys.all, "unread"] as const,
};

export function useNoticesQuery(filter: NoticeFilter) {
  return useQuery({
    queryKey: noticeKeys.list(filter),
    queryFn: async (): Promise<NoticePage> => {
      let unread = 0;
      const page = await fetchKeysetPage(
        (limit) =>
          fetchJson<NoticePage>(
            listUrl("/api/console/notices", { kind: filter.kind, unread: filter.unread ? "true" : null, iterator: filter.iterator, limit }),
          ).then((answer) => {
            unread = answer.unread;
            return answer;
          }),
        filter.iterator,
        NOTICES_PAGE_SIZE,
      );
      return { ...page, unread };
    },
    placeholderData: keepPreviousData,
  });
}

/** The organization's unread count for the navigation badge, refreshed every 30 s while the page is visible. */
export function useUnreadNoticesQuery() {
  return useQuery({
    queryKey: noticeKeys.unread(),
    queryFn: () => fetchJson<NoticePage>(listUrl("/api/console/notices", { unread: "true", limit: 1 })).then((page) => page.unread),
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
  });
}

export function useMarkNoticeReadMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<unknown>(`/api/console/notices/${encodeURIComponent(id)}/read`, { method: "POST", body: "{}" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: noticeKeys.all }),
  });
}

export function useMarkAllNoticesReadMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<unknown>("/api/console/notices/read-all", { method: "POST", body: "{}" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: noticeKeys.all }),
  });
}
