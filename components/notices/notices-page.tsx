"use client";

import { Check, CheckCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { RefreshError } from "@/components/ui/refresh-error";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { TimeText } from "@/components/ui/time-text";
import { noticeLinks } from "@/lib/notices/notice-text";
import { type Notice, type NoticeKind, useMarkAllNoticesReadMutation, useMarkNoticeReadMutation, useNoticesQuery } from "@/lib/queries/notices";
import { cn } from "@/lib/utils";

const KINDS: { value: NoticeKind | null; label: string }[] = [
  { value: null, label: "All" },
  { value: "endpoint.disabled", label: "Disabled" },
  { value: "endpoint.failing", label: "Failing" },
  { value: "endpoint.recovered", label: "Recovered" },
  { value: "message.attempt.exhausted", label: "Exhausted" },
];

function NoticeRow({ notice }: { notice: Notice }) {
  const markRead = useMarkNoticeReadMutation();
  const links = noticeLinks(notice);
  // A folded notice points at its filtered log rather than at the first message it folded.
  const messageHref = !links.log && notice.appId && notice.messageId ? `/apps/${notice.appId}/messages/${notice.messageId}` : null;
  return (
    <li aria-label={notice.title} className={cn("flex items-start gap-3 px-4 py-3", !notice.read && "bg-brand-50/40")}>
      <span className={cn("mt-1.5 size-2 shrink-0 rounded-full", notice.read ? "bg-transparent" : "bg-brand-600")} aria-hidden />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2">
          <p className={cn("text-sm", notice.read ? "text-zinc-700" : "font-semibold text-zinc-900")}>{notice.title}</p>
          {notice.read ? null : <span className="sr-only">(unread)</span>}
          <span className="text-xs text-zinc-500">
            <TimeText value={notice.lastAt} show="ago" />
          </span>
        </div>
        {notice.body ? <p className="mt-0.5 text-sm break-words text-zinc-600">{notice.body}</p> : null}
        <div className="mt-1 flex flex-wrap gap-3 text-sm">
          {links.endpoint ? (
            <Link href={links.endpoint} className="font-medium text-brand-700 hover:underline">
              View endpoint
            </Link>
          ) : null}
          {links.log ? (
            <Link href={links.log} className="font-medium text-brand-700 hover:underline">
              View failed messages
            </Link>
          ) : null}
          {messageHref ? (
            <Link href={messageHref} className="font-medium text-brand-700 hover:underline">
              View message
            </Link>
          ) : null}
        </div>
      </div>
      {notice.read ? null : (
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Mark “${notice.title}” read`}
          disabled={markRead.isPending}
          onClick={() => markRead.mutateAsync(notice.id).catch((error: Error) => toast.error(error.message))}
        >
          <Check className="size-4" aria-hidden /> Mark read
        </Button>
      )}
    </li>
  );
}

/** The organization's notices, newest first, paged by keyset, filtered by kind. */
export function NoticesPage() {
  const [kind, setKind] = useState<NoticeKind | null>(null);
  const [iterator, setIterator] = useState<string | null>(null);
  const notices = useNoticesQuery({ kind, iterator });
  const markAll = useMarkAllNoticesReadMutation();
  const page = notices.data;
  const rows = page?.data ?? [];

  return (
    <>
      <PageHeader
        title="Notices"
        description="What needs your attention: endpoints disabled or failing, messages that ran out of retries, and endpoints receiving again."
        actions={
          <Button
            variant="secondary"
            disabled={!page?.unread || markAll.isPending}
            onClick={() =>
              markAll.mutateAsync().then(
                () => toast.success("All notices marked read"),
                (error: Error) => toast.error(error.message),
              )
            }
          >
            <CheckCheck className="size-4" aria-hidden /> Mark all read
          </Button>
        }
      />
      <div role="tablist" aria-label="Kind" className="mb-3 flex flex-wrap gap-1">
        {KINDS.map((option) => (
          <button
            key={option.label}
            role="tab"
            type="button"
            aria-selected={kind === option.value}
            onClick={() => {
              setKind(option.value);
              setIterator(null);
            }}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
              kind === option.value && "bg-zinc-900 text-zinc-50 hover:bg-zinc-800 hover:text-zinc-50",
            )}
          >
            {option.label}
          </button>
        ))}
      </div>
      <Card>
        <RefreshError query={notices} />
        {notices.isError && notices.data === undefined ? (
          <p className="p-6 text-sm text-red-700" role="alert">
            {notices.error.message}
          </p>
        ) : notices.isPending ? (
          <div className="space-y-2 p-4" aria-label="Loading">
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-12 animate-pulse rounded bg-zinc-100" />
            ))}
          </div>
        ) : rows.length === 0 ? (
          <EmptyState title={kind ? "No notices of this kind" : "No notices"}>Pigeon tells you here when an endpoint stops receiving webhooks.</EmptyState>
        ) : (
          <ul aria-label="Notices" className="divide-y divide-zinc-100">
            {rows.map((notice) => (
              <NoticeRow key={notice.id} notice={notice} />
            ))}
          </ul>
        )}
        <KeysetPager
          busy={notices.isFetching}
          onFirst={iterator ? () => setIterator(null) : null}
          onPrevious={iterator && page?.prevIterator ? () => setIterator(page.prevIterator) : null}
          onNext={page && !page.done && page.iterator ? () => setIterator(page.iterator) : null}
        />
      </Card>
    </>
  );
}
