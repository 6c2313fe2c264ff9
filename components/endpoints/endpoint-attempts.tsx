"use client";

import { History } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useAppScope } from "@/components/common/app-scope";
import { useUrlState } from "@/components/common/use-url-state";
import { TriggerBadge } from "@/components/messages/attempt-timeline";
import { EventTypeFilter } from "@/components/messages/event-type-filter";
import { Badge } from "@/components/ui/badge";
import { RefreshError } from "@/components/ui/refresh-error";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/input";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { rowLink, SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { isoToLocalInput, localInputToIso, TimeText } from "@/components/ui/time-text";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { type Attempt, type AttemptFilters, useEndpointAttemptsQuery } from "@/lib/queries/attempts";
import { cn } from "@/lib/utils";

const URL_KEYS = ["status", "code", "event_type", "after", "before", "iterator"] as const;
const CODE_CLASSES = { "200": "2xx", "300": "3xx", "400": "4xx", "500": "5xx", "0": "No response" } as const;
const labelClass = "text-xs font-medium text-zinc-600";

/**
 * The endpoint's attempts, newest first, filtered like the API's list; each row opens its
 * message. A polling endpoint's attempts are its messages' first reads by its consumers.
 */
export function EndpointAttempts({ appId, endpointId, polling = false }: { appId: string; endpointId: string; polling?: boolean }) {
  const router = useRouter();
  const { values, set } = useUrlState(URL_KEYS);
  const filters: AttemptFilters = {
    status: values.status === "0" || values.status === "2" ? values.status : undefined,
    statusCodeClass: values.code && values.code in CODE_CLASSES ? (values.code as AttemptFilters["statusCodeClass"]) : undefined,
    eventType: values.event_type,
    after: values.after,
    before: values.before,
  };
  const attempts = useEndpointAttemptsQuery(appId, endpointId, { ...filters, iterator: values.iterator }, { withContent: polling });
  const page = attempts.data;
  const rows = page?.data ?? [];
  const filtered = Object.values(filters).some(Boolean);
  const change = (changes: Partial<Record<(typeof URL_KEYS)[number], string | undefined>>) => set({ ...changes, iterator: undefined });
  const { appHref } = useAppScope();
  const href = (a: Attempt) => `${appHref(appId)}/messages/${a.msgId}`;

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 px-5 py-3">
        <h2 className="font-semibold">{polling ? "Reads" : "Attempts"}</h2>
        <UpdatedAgo updatedAt={attempts.dataUpdatedAt} fetching={attempts.isFetching} />
      </div>
      <div className="grid grid-cols-6 gap-3 border-b border-zinc-100 p-4">
        {/* A read always succeeds: its result and response say nothing. */}
        {polling ? null : (
          <>
            <label className="col-span-6 space-y-1 sm:col-span-2">
              <span className={labelClass}>Result</span>
              <Select value={filters.status ?? ""} onChange={(e) => change({ status: e.target.value || undefined })}>
                <option value="">Any result</option>
                <option value="0">Succeeded</option>
                <option value="2">Failed</option>
              </Select>
            </label>
            <label className="col-span-6 space-y-1 sm:col-span-2">
              <span className={labelClass}>Response</span>
              <Select value={filters.statusCodeClass ?? ""} onChange={(e) => change({ code: e.target.value || undefined })}>
                <option value="">Any response</option>
                {Object.entries(CODE_CLASSES).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </label>
          </>
        )}
        <label className="col-span-6 space-y-1 sm:col-span-2">
          <span className={labelClass}>Event type</span>
          <EventTypeFilter value={filters.eventType} onChange={(eventType) => change({ event_type: eventType })} />
        </label>
        <label className={cn("col-span-6 space-y-1", polling ? "sm:col-span-2" : "sm:col-span-3")}>
          <span className={labelClass}>From</span>
          <Input type="datetime-local" value={isoToLocalInput(filters.after)} onChange={(e) => change({ after: localInputToIso(e.target.value) })} />
        </label>
        <label className={cn("col-span-6 space-y-1", polling ? "sm:col-span-2" : "sm:col-span-3")}>
          <span className={labelClass}>Until</span>
          <Input type="datetime-local" value={isoToLocalInput(filters.before)} onChange={(e) => change({ before: localInputToIso(e.target.value) })} />
        </label>
      </div>
      <RefreshError query={attempts} />
      {attempts.isError && attempts.data === undefined ? (
        <p role="alert" className="p-5 text-sm text-red-700">
          {attempts.error.message}
        </p>
      ) : !attempts.isPending && rows.length === 0 ? (
        <EmptyState
          icon={History}
          title={
            filtered
              ? `No ${polling ? "reads" : "attempts"} match these filters`
              : values.iterator
                ? "Nothing newer"
                : `No ${polling ? "reads" : "attempts"} yet`
          }
          action={
            filtered || values.iterator ? (
              <Button
                variant="secondary"
                onClick={() => set({ status: undefined, code: undefined, event_type: undefined, after: undefined, before: undefined, iterator: undefined })}
              >
                {filtered ? "Clear filters" : `Go to the newest ${polling ? "reads" : "attempts"}`}
              </Button>
            ) : null
          }
        >
          {filtered
            ? "Try another result, response or time range."
            : values.iterator
              ? null
              : polling
                ? "The first time a consumer reads a message, it shows up here: which message, and when."
                : "Every try to deliver a message to this endpoint shows up here. Send a test event to see one."}
        </EmptyState>
      ) : (
        <div className={cn("transition-opacity", attempts.isPlaceholderData && "opacity-60")}>
          {polling ? (
            <Table>
              <thead>
                <tr>
                  <Th>Event type</Th>
                  <Th>Read</Th>
                  <Th className="text-right">Time</Th>
                </tr>
              </thead>
              <tbody>
                {attempts.isPending ? (
                  <SkeletonRows columns={3} rows={4} />
                ) : (
                  rows.map((a) => (
                    <tr key={a.id} {...rowLink(() => router.push(href(a)))}>
                      <MessageCell attempt={a} href={href(a)} className="max-w-40 sm:max-w-64" />
                      {/* The server's account of the read: by which consumer, and how (poll or stream). */}
                      <Td className="text-zinc-600">{a.response}</Td>
                      <TimeCell attempt={a} />
                    </tr>
                  ))
                )}
              </tbody>
            </Table>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Response</Th>
                  <Th>Event type</Th>
                  <Th>Trigger</Th>
                  <Th className="text-right">Attempt</Th>
                  <Th className="text-right">Duration</Th>
                  <Th className="text-right">Time</Th>
                </tr>
              </thead>
              <tbody>
                {attempts.isPending ? (
                  <SkeletonRows columns={6} rows={4} />
                ) : (
                  rows.map((a) => (
                    <tr key={a.id} {...rowLink(() => router.push(href(a)))}>
                      <Td className="whitespace-nowrap">
                        <Badge tone={a.status === 0 ? "success" : "danger"}>
                          {a.responseStatusCode ? `HTTP ${a.responseStatusCode}` : (a.errorKind?.replace("_", " ") ?? "No response")}
                        </Badge>
                      </Td>
                      <MessageCell attempt={a} href={href(a)} className="max-w-64" />
                      <Td>
                        <TriggerBadge triggerType={a.triggerType} />
                      </Td>
                      <Td className="text-right tabular-nums">{a.attemptNumber}</Td>
                      <Td className="text-right whitespace-nowrap tabular-nums text-zinc-600">{a.responseDurationMs.toLocaleString()} ms</Td>
                      <TimeCell attempt={a} />
                    </tr>
                  ))
                )}
              </tbody>
            </Table>
          )}
          {page ? (
            <KeysetPager
              busy={attempts.isFetching && attempts.isPlaceholderData}
              onFirst={page.prevIterator ? () => set({ iterator: undefined }) : null}
              onPrevious={!page.prevIterator ? null : () => set({ iterator: page.prevIterator! })}
              onNext={page.done || !page.iterator ? null : () => set({ iterator: page.iterator! })}
            />
          ) : null}
        </div>
      )}
    </Card>
  );
}

/** The attempt's message, by event type, linking to it. */
function MessageCell({ attempt, href, className }: { attempt: Attempt; href: string; className: string }) {
  return (
    <Td className={className}>
      <Link href={href} className="block truncate font-mono text-[13px] font-medium hover:underline" title={attempt.msgId}>
        {attempt.msg?.eventType ?? attempt.msgId}
      </Link>
    </Td>
  );
}

function TimeCell({ attempt }: { attempt: Attempt }) {
  return (
    <Td className="text-right whitespace-nowrap text-zinc-600">
      <TimeText value={attempt.timestamp} show="ago" />
    </Td>
  );
}
