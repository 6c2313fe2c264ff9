"use client";

import { ChevronRight, Plus, Webhook } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useAppScope } from "@/components/common/app-scope";
import { endpointName, isPolling } from "@/components/common/endpoint-name";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { rowLink, SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { useEndpointsQuery } from "@/lib/queries/endpoints";
import { EndpointStatusBadge } from "./endpoint-status";
import { EventTypesSummary } from "./event-type-picker";

/** An application's endpoints, each a row that opens its page; `onAdd` offers a first one when there is none. */
export function EndpointsTable({ appId, onAdd }: { appId: string; onAdd: (() => void) | null }) {
  const router = useRouter();
  const scope = useAppScope();
  const endpoints = useEndpointsQuery(appId);
  const rows = endpoints.data?.pages.flatMap((page) => page.data) ?? [];

  if (endpoints.isError)
    return (
      <p className="p-6 text-sm text-red-700" role="alert">
        {endpoints.error.message}
      </p>
    );
  if (!endpoints.isPending && rows.length === 0) {
    return (
      <EmptyState
        icon={Webhook}
        title="No endpoints yet"
        action={
          onAdd ? (
            <Button onClick={onAdd}>
              <Plus className="size-4" aria-hidden /> Add endpoint
            </Button>
          ) : null
        }
      >
        {scope.kind === "portal" ? (
          <>
            An endpoint is a URL of yours that receives these webhooks, or a polling endpoint your consumers read; either way each message is signed with the
            endpoint&apos;s secret. Until one is added, the webhooks sent to you reach no one.
          </>
        ) : (
          <>
            An endpoint is a URL of your customer&apos;s that receives this application&apos;s webhooks, or a polling endpoint their consumers read; either way
            each message is signed with the endpoint&apos;s secret. Until one is added, messages sent to this application reach no one.
          </>
        )}
      </EmptyState>
    );
  }
  return (
    <>
      <Table>
        <thead>
          <tr>
            <Th>Endpoint</Th>
            <Th>Status</Th>
            <Th>Event types</Th>
            <Th>Created</Th>
            <Th className="w-8">
              <span className="sr-only">Open</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {endpoints.isPending ? (
            <SkeletonRows columns={5} />
          ) : (
            rows.map((endpoint) => {
              const href = `${scope.appHref(appId)}/endpoints/${endpoint.id}`;
              return (
                <tr key={endpoint.id} {...rowLink(() => router.push(href))}>
                  <Td className="max-w-md">
                    <div className="flex min-w-0 items-center gap-2">
                      <Badge tone={isPolling(endpoint) ? "info" : "neutral"} className="shrink-0">
                        {isPolling(endpoint) ? "Polling" : "Webhook"}
                      </Badge>
                      <Link href={href} className="min-w-0 truncate font-mono text-[13px] font-medium hover:underline" title={endpointName(endpoint)}>
                        {isPolling(endpoint) ? (endpoint.uid ?? endpoint.id) : endpoint.url}
                      </Link>
                    </div>
                    {endpoint.description ? <p className="truncate text-zinc-500">{endpoint.description}</p> : null}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <EndpointStatusBadge endpoint={endpoint} />
                  </Td>
                  <Td>
                    <EventTypesSummary eventTypes={endpoint.eventTypes} />
                  </Td>
                  <Td className="whitespace-nowrap text-zinc-500">
                    <TimeText value={endpoint.createdAt} />
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
      {endpoints.hasNextPage ? (
        <div className="flex justify-center border-t border-zinc-100 p-3">
          <Button variant="secondary" size="sm" onClick={() => endpoints.fetchNextPage()} disabled={endpoints.isFetchingNextPage}>
            {endpoints.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </>
  );
}
