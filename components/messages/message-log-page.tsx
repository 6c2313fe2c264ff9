"use client";

import { ChevronRight, Inbox } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { AppTabs } from "@/components/common/app-tabs";
import { useAppScope } from "@/components/common/app-scope";
import { MissingResource } from "@/components/common/missing-resource";
import { useUrlState } from "@/components/common/use-url-state";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { RefreshError } from "@/components/ui/refresh-error";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { rowLink, SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { useAppQuery } from "@/lib/queries/apps";
import { type LogStatus, type MessageLogFilters, useMessageLogQuery } from "@/lib/queries/messages";
import { cn } from "@/lib/utils";
import { BulkRetry } from "./bulk-retry";
import { DeliveryDots, deliverySummary } from "./delivery-status";
import { LogCount } from "./log-count";
import { LOG_STATUS_LABELS, MessageLogFiltersBar, NO_LOG_FILTERS } from "./message-log-filters";

const URL_KEYS = ["status", "event_type", "endpoint", "after", "before", "q", "payload", "iterator"] as const;
const STATUSES: readonly string[] = Object.keys(LOG_STATUS_LABELS);

/** The application's messages, newest first, with where each one went and how that went. */
export function MessageLogPage({ appId }: { appId: string }) {
  const router = useRouter();
  const scope = useAppScope();
  const app = useAppQuery(appId);
  const { values, set } = useUrlState(URL_KEYS);
  const filters: MessageLogFilters = {
    status: values.status && STATUSES.includes(values.status) ? (values.status as LogStatus) : undefined,
    eventType: values.event_type,
    endpointId: values.endpoint,
    after: values.after,
    before: values.before,
    q: values.q,
    payload: values.payload,
  };
  // Only the newest page follows new messages; an older page stays as it is.
  const log = useMessageLogQuery(appId, { ...filters, iterator: values.iterator }, { live: !values.iterator });
  const page = log.data;
  const filtered = Object.values(filters).some(Boolean);
  const href = (id: string) => `${scope.appHref(appId)}/messages/${id}`;

  const changeFilters = (changes: Partial<MessageLogFilters>) => {
    const merged = { ...filters, ...changes };
    set({
      status: merged.status,
      event_type: merged.eventType,
      endpoint: merged.endpointId,
      after: merged.after,
      before: merged.before,
      q: merged.q,
      payload: merged.payload,
      iterator: undefined,
    });
  };

  if (app.isError) return <MissingResource title="Application not available" message={app.error.message} back={{ href: "/apps", label: "All applications" }} />;

  const onFirstPage = !values.iterator;
  const rows = page?.data ?? [];
  return (
    <>
      {scope.kind === "portal" ? (
        // The portal's frame already shows whose webhooks these are, and its tabs.
        <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Messages</h1>
            <p className="mt-1 max-w-2xl text-sm text-zinc-600">Every webhook sent to you, newest first, and how its delivery to each endpoint went.</p>
          </div>
          <UpdatedAgo updatedAt={log.dataUpdatedAt} fetching={log.isFetching} />
        </div>
      ) : (
        <>
          <Breadcrumbs items={[...scope.appCrumbs(appId, app.data?.name), { label: "Messages" }]} />
          <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
            <div>
              <h1 className="text-2xl font-semibold tracking-tight">{app.data?.name ?? "Application"}</h1>
              <p className="mt-1 text-sm text-zinc-600">Every message sent to this application, newest first, and how its delivery to each endpoint went.</p>
            </div>
          </div>
          <AppTabs appId={appId} />
          <div className="mb-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            <div className="flex min-w-0 flex-wrap items-baseline gap-x-3">
              <h2 className="text-lg font-semibold">Messages</h2>
              {page ? <LogCount page={page} filtered={filtered} /> : null}
            </div>
            <div className="flex items-center gap-3">
              <UpdatedAgo updatedAt={log.dataUpdatedAt} fetching={log.isFetching} />
              {scope.access.createAttempts ? <BulkRetry appId={appId} filters={filters} /> : null}
            </div>
          </div>
        </>
      )}
      <Card>
        <MessageLogFiltersBar appId={appId} filters={filters} onChange={changeFilters} />
        <RefreshError query={log} />
        {log.isError && log.data === undefined ? (
          <p role="alert" className="p-6 text-sm text-red-700">
            {log.error.message}
          </p>
        ) : !log.isPending && rows.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={Inbox}
              title="No messages match these filters"
              action={
                <Button variant="secondary" onClick={() => changeFilters(NO_LOG_FILTERS)}>
                  Clear filters
                </Button>
              }
            >
              Try another status or time range, or clear the filters to see every message.
            </EmptyState>
          ) : !onFirstPage ? (
            <EmptyState
              icon={Inbox}
              title="Nothing newer"
              action={
                <Button variant="secondary" onClick={() => set({ iterator: undefined })}>
                  Go to the newest messages
                </Button>
              }
            >
              You are at the start of the log.
            </EmptyState>
          ) : (
            <EmptyState icon={Inbox} title="No messages yet">
              {scope.kind === "portal" ? (
                <>Messages appear here as soon as they are sent to you, or when you send a test event from an endpoint&apos;s page.</>
              ) : (
                <>
                  Messages appear here as soon as your backend sends them with <code className="font-mono text-[13px]">POST /api/v1/app/{appId}/msg</code>, or
                  when you send a test event from an endpoint&apos;s page.
                </>
              )}
            </EmptyState>
          )
        ) : (
          <div className={cn("transition-opacity", log.isPlaceholderData && "opacity-60")}>
            <Table>
              <thead>
                <tr>
                  <Th>Event type</Th>
                  <Th>Message</Th>
                  <Th>Deliveries</Th>
                  <Th className="text-right">Sent</Th>
                  <Th className="w-8">
                    <span className="sr-only">Open</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {log.isPending ? (
                  <SkeletonRows columns={5} rows={6} />
                ) : (
                  rows.map((message) => {
                    const summary = deliverySummary(message.deliveries);
                    return (
                      <tr key={message.id} {...rowLink(() => router.push(href(message.id)))}>
                        <Td className="whitespace-nowrap">
                          <Link href={href(message.id)} className="font-mono text-[13px] font-medium text-zinc-900 hover:underline">
                            {message.eventType}
                          </Link>
                        </Td>
                        <Td className="max-w-72">
                          <span className="block truncate font-mono text-xs text-zinc-700" title={message.id}>
                            {message.id}
                          </span>
                          {message.eventId ? (
                            <span className="block truncate font-mono text-xs text-zinc-500" title={`Event ID ${message.eventId}`}>
                              {message.eventId}
                            </span>
                          ) : null}
                        </Td>
                        <Td>
                          <div className="flex items-center gap-3">
                            <DeliveryDots deliveries={message.deliveries} />
                            {summary ? <span className={cn("text-xs whitespace-nowrap", summary.tone)}>{summary.text}</span> : null}
                          </div>
                        </Td>
                        <Td className="text-right whitespace-nowrap text-zinc-600">
                          <TimeText value={message.timestamp} show="ago" />
                        </Td>
                        <Td className="text-zinc-400">
                          <ChevronRight className="size-4" aria-hidden />
                        </Td>
                      </tr>
                    );
                  })
                )}
              </tbody>
            </Table>
            {page ? (
              <KeysetPager
                busy={log.isFetching && log.isPlaceholderData}
                onFirst={page.prevIterator ? () => set({ iterator: undefined }) : null}
                onPrevious={!page.prevIterator || rows.length === 0 ? null : () => set({ iterator: page.prevIterator! })}
                onNext={page.done || !page.iterator ? null : () => set({ iterator: page.iterator! })}
              />
            ) : null}
          </div>
        )}
      </Card>
    </>
  );
}
