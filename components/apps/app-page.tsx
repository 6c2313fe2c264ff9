"use client";

import { MoreHorizontal, Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { AppTabs } from "@/components/common/app-tabs";
import { useConsole } from "@/components/common/console-context";
import { MissingResource } from "@/components/common/missing-resource";
import { AppDisabledBanner } from "@/components/endpoints/disabled-banner";
import { EndpointsTable } from "@/components/endpoints/endpoints-table";
import { OverviewPanel } from "@/components/overview/overview-panel";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyableId } from "@/components/ui/copy-button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { TimeText } from "@/components/ui/time-text";
import { useAppQuery, useDeleteAppMutation } from "@/lib/queries/apps";
import { EditAppDialog } from "./app-dialogs";
import { CustomerPortalCard } from "./customer-portal-card";

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
      {developer && app.data ? (
        <div className="mt-8">
          <CustomerPortalCard appId={app.data.id} />
        </div>
      ) : null}

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
