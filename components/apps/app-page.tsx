"use client";

import { ChevronRight, MoreHorizontal, Pencil, Plus, Trash2, Webhook } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { AppTabs } from "@/components/common/app-tabs";
import { useConsole } from "@/components/common/console-context";
import { endpointName, isPolling } from "@/components/common/endpoint-name";
import { MissingResource } from "@/components/common/missing-resource";
import { AppDisabledBanner } from "@/components/endpoints/disabled-banner";
import { EndpointStatusBadge } from "@/components/endpoints/endpoint-status";
import { OverviewPanel } from "@/components/overview/overview-panel";
import { EventTypesSummary } from "@/components/endpoints/event-type-picker";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyableId } from "@/components/ui/copy-button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { rowLink, SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { useAppQuery, useDeleteAppMutation } from "@/lib/queries/apps";
import { useEndpointsQuery } from "@/lib/queries/endpoints";
import { EditAppDialog } from "./app-dialogs";

function EndpointsTable({ appId, onAdd }: { appId: string; onAdd: (() => void) | null }) {
  const router = useRouter();
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
        An endpoint is a URL of your customer&apos;s that receives this application&apos;s webhooks, or a polling endpoint their consumers read; either way each
        message is signed with the endpoint&apos;s secret. Until one is added, messages sent to this application reach no one.
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
              const href = `/apps/${appId}/endpoints/${endpoint.id}`;
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

export function AppPage({ appId }: { appId: string }) {
  const { can } = useConsole();
  const router = useRouter();
  const app = useAppQuery(appId);
  const remove = useDeleteAppMutation(appId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const developer = can("developer");
  const addEndpoint = () => router.push(`/apps/${appId}/endpoints/new`);

  if (app.isError) return <MissingResource title="Application not available" message={app.error.message} back={{ href: "/apps", label: "All applications" }} />;

  return (
    <>
      <Breadcrumbs items={[{ label: "Applications", href: "/apps" }, { label: app.data?.name ?? "…" }]} />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          {app.data ? (
            <h1 className="truncate text-2xl font-semibold tracking-tight">{app.data.name}</h1>
          ) : (
            <div className="h-8 w-64 animate-pulse rounded bg-zinc-200" aria-label="Loading" />
          )}
          {app.data ? (
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <CopyableId label="ID" value={app.data.id} />
              {app.data.uid ? <CopyableId label="UID" value={app.data.uid} /> : null}
              <span className="text-xs text-zinc-500">
                Created <TimeText value={app.data.createdAt} />
              </span>
            </div>
          ) : null}
        </div>
        {developer && app.data ? (
          <div className="flex items-center gap-2">
            <Button onClick={addEndpoint}>
              <Plus className="size-4" aria-hidden /> Add endpoint
            </Button>
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="secondary" aria-label="Application actions" className="px-2.5">
                  <MoreHorizontal className="size-4" aria-hidden />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuItem onSelect={() => setEditing(true)}>
                  <Pencil className="size-4" aria-hidden /> Rename application
                </DropdownMenuItem>
                <DropdownMenuSeparator />
                <DropdownMenuItem className="text-red-700 data-[highlighted]:bg-red-50" onSelect={() => setDeleting(true)}>
                  <Trash2 className="size-4" aria-hidden /> Delete application
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          </div>
        ) : null}
      </div>

      <AppDisabledBanner appId={appId} />
      <AppTabs appId={appId} />
      <div className="mb-8">
        <OverviewPanel
          appId={appId}
          emptyHint={
            <>
              Deliveries of this application&apos;s messages show here once it has an endpoint and your backend sends messages to it, failures first. Send a
              test event from an endpoint&apos;s page to see one.
            </>
          }
        />
      </div>
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-lg font-semibold">Endpoints</h2>
      </div>
      <Card>
        <EndpointsTable appId={appId} onAdd={developer ? addEndpoint : null} />
      </Card>

      {app.data && developer ? (
        <>
          <EditAppDialog app={app.data} open={editing} onOpenChange={setEditing} />
          <ConfirmDialog
            open={deleting}
            onOpenChange={setDeleting}
            title="Delete application"
            description={
              <>
                This deletes <strong>{app.data.name}</strong> with all its endpoints and messages, at once and for good. Messages sent to it afterwards are
                refused.
              </>
            }
            confirmLabel="Delete application"
            pendingLabel="Deleting…"
            typeToConfirm={app.data.name}
            onConfirm={async () => {
              await remove.mutateAsync();
              toast.success(`Application “${app.data.name}” deleted`);
              router.replace("/apps");
            }}
          />
        </>
      ) : null}
    </>
  );
}
