"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useAppScope } from "@/components/common/app-scope";
import { endpointName } from "@/components/common/endpoint-name";
import { MissingResource } from "@/components/common/missing-resource";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { RefreshError } from "@/components/ui/refresh-error";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyableId } from "@/components/ui/copy-button";
import { Select } from "@/components/ui/input";
import { JsonViewer } from "@/components/ui/json-viewer";
import { TimeText } from "@/components/ui/time-text";
import { ScheduledBadge } from "./scheduled-badge";
import { UpdatedAgo } from "@/components/ui/updated-ago";
import { useAppQuery } from "@/lib/queries/apps";
import { useMessageAttemptsQuery } from "@/lib/queries/attempts";
import { BUSY_INTERVAL_MS, LIVE_INTERVAL_MS } from "@/lib/queries/live";
import { type MessageDestination, messageKeys, useMessageDestinationsQuery, useMessageQuery } from "@/lib/queries/messages";
import { AttemptTimeline } from "./attempt-timeline";
import { MessageDestinations } from "./message-destinations";

// How long the page polls fast after a resend: the attempt is recorded a moment after the 202.
const RESEND_WATCH_MS = 15_000;
// A scheduled retry this close is watched closely too.
const SOON_MS = 10_000;

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-all text-zinc-900">{children}</dd>
    </div>
  );
}

function CardHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 px-5 py-3">
      <h2 className="font-semibold">{title}</h2>
      {children}
    </div>
  );
}

/** One message: its payload, where it went, and every attempt to get it there. */
export function MessagePage({ appId, msgId }: { appId: string; msgId: string }) {
  const queryClient = useQueryClient();
  const scope = useAppScope();
  const app = useAppQuery(appId);
  const message = useMessageQuery(appId, msgId);
  const [watchUntil, setWatchUntil] = useState(0);
  const [endpointFilter, setEndpointFilter] = useState("");
  const [now, setNow] = useState(() => Date.now());

  // The fast polling after a resend ends by itself.
  useEffect(() => {
    if (!watchUntil) return;
    const timer = setTimeout(() => setWatchUntil(0), Math.max(0, watchUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [watchUntil]);

  // Read from the cache before the hooks below choose their interval (they re-render this on change).
  const known = queryClient.getQueryData<MessageDestination[]>(messageKeys.destinations(appId, msgId));
  const busy =
    watchUntil > now ||
    (known ?? []).some(
      (d) => d.deliveryStatus === "sending" || (d.deliveryStatus === "pending" && d.nextAttempt !== null && new Date(d.nextAttempt).getTime() - now < SOON_MS),
    );
  const interval = busy ? BUSY_INTERVAL_MS : LIVE_INTERVAL_MS;
  const destinations = useMessageDestinationsQuery(appId, msgId, interval);
  const attempts = useMessageAttemptsQuery(appId, msgId, interval);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  if (message.isError) {
    return (
      <MissingResource
        title="Message not available"
        message={message.error.message}
        back={{ href: `${scope.appHref(appId)}/messages`, label: "Back to the message log" }}
      />
    );
  }
  const data = message.data;
  const destinationRows = destinations.data ?? [];
  const attemptRows = (attempts.data?.pages.flatMap((page) => page.data) ?? []).filter((a) => !endpointFilter || a.endpointId === endpointFilter);
  const updatedAt = Math.max(destinations.dataUpdatedAt, attempts.dataUpdatedAt);

  return (
    <>
      <Breadcrumbs items={[...scope.appCrumbs(appId, app.data?.name), { label: "Messages", href: `${scope.appHref(appId)}/messages` }, { label: msgId }]} />
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          {data ? (
            <>
              <h1 className="font-mono text-xl font-semibold tracking-tight break-all">{data.eventType}</h1>
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <CopyableId label="ID" value={data.id} />
                {data.eventId ? <CopyableId label="Event ID" value={data.eventId} /> : null}
                <span className="text-xs text-zinc-500">
                  Sent <TimeText value={data.timestamp} show="ago" />
                </span>
                <ScheduledBadge deliverAt={data.deliverAt} />
              </div>
            </>
          ) : (
            <div className="h-7 w-72 animate-pulse rounded bg-zinc-200" aria-label="Loading" />
          )}
        </div>
        <UpdatedAgo updatedAt={updatedAt} fetching={destinations.isFetching || attempts.isFetching} />
      </div>

      <Card className="mb-6">
        <CardHeader title="Deliveries" />
        <RefreshError query={destinations} />
        {destinations.isError && destinations.data === undefined ? (
          <p role="alert" className="p-5 text-sm text-red-700">
            {destinations.error.message}
          </p>
        ) : destinations.isPending ? (
          <p className="p-5 text-sm text-zinc-500">Loading…</p>
        ) : (
          <MessageDestinations appId={appId} msgId={msgId} destinations={destinationRows} onResent={() => setWatchUntil(Date.now() + RESEND_WATCH_MS)} />
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Attempts">
              {destinationRows.length > 1 ? (
                <label className="flex items-center gap-2 text-sm text-zinc-600">
                  <span>Endpoint</span>
                  <Select className="w-64 py-1.5" value={endpointFilter} onChange={(e) => setEndpointFilter(e.target.value)}>
                    <option value="">All endpoints</option>
                    {destinationRows.map((d) => (
                      <option key={d.id} value={d.id}>
                        {endpointName(d)}
                      </option>
                    ))}
                  </Select>
                </label>
              ) : null}
            </CardHeader>
            <RefreshError query={attempts} />
            {attempts.isError && attempts.data === undefined ? (
              <p role="alert" className="p-5 text-sm text-red-700">
                {attempts.error.message}
              </p>
            ) : attempts.isPending ? (
              <p className="p-5 text-sm text-zinc-500">Loading…</p>
            ) : (
              <AttemptTimeline appId={appId} attempts={attemptRows} showUrl={destinationRows.length > 1} />
            )}
            {attempts.hasNextPage ? (
              <div className="flex justify-center border-t border-zinc-100 p-3">
                <Button variant="secondary" size="sm" onClick={() => attempts.fetchNextPage()} disabled={attempts.isFetchingNextPage}>
                  {attempts.isFetchingNextPage ? "Loading…" : "Older attempts"}
                </Button>
              </div>
            ) : null}
          </Card>

          <Card>
            <CardHeader title="Payload" />
            <div className="p-5">{data ? <JsonViewer value={data.payload} label="Payload" /> : <p className="text-sm text-zinc-500">Loading…</p>}</div>
          </Card>
        </div>

        <Card className="h-fit p-5">
          <h2 className="sr-only">Details</h2>
          {data ? (
            <dl className="space-y-4">
              <Meta label="Event type">
                <span className="font-mono">{data.eventType}</span>
              </Meta>
              <Meta label="Message ID">
                <span className="font-mono text-xs">{data.id}</span>
              </Meta>
              <Meta label="Event ID">
                {data.eventId ? <span className="font-mono text-xs">{data.eventId}</span> : <span className="text-zinc-500">None</span>}
              </Meta>
              <Meta label="Channels">
                {data.channels?.length ? <span className="font-mono">{data.channels.join(", ")}</span> : <span className="text-zinc-500">None</span>}
              </Meta>
              {data.tags?.length ? (
                <Meta label="Tags">
                  <span className="font-mono">{data.tags.join(", ")}</span>
                </Meta>
              ) : null}
              <Meta label="Created">
                <TimeText value={data.timestamp} show="exact" />
              </Meta>
              {data.deliverAt ? (
                <Meta label="Scheduled for">
                  <TimeText value={data.deliverAt} show="exact" />
                </Meta>
              ) : null}
            </dl>
          ) : (
            <p className="text-sm text-zinc-500">Loading…</p>
          )}
        </Card>
      </div>
    </>
  );
}
