"use client";

import { History, MoreHorizontal, Pencil, Send, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import { useAppScope } from "@/components/common/app-scope";
import { isPolling } from "@/components/common/endpoint-name";
import { MissingResource } from "@/components/common/missing-resource";
import { useUrlState } from "@/components/common/use-url-state";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyableId } from "@/components/ui/copy-button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Switch } from "@/components/ui/switch";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { TimeText } from "@/components/ui/time-text";
import { useAppQuery } from "@/lib/queries/apps";
import { type Endpoint, useDeleteEndpointMutation, useEndpointQuery, useSetEndpointDisabledMutation } from "@/lib/queries/endpoints";
import { BatchDialog } from "./batch-dialog";
import { BatchesCard } from "./batches-card";
import { ConsumersCard } from "./consumers-card";
import { DeliveryCard } from "./delivery-card";
import { EndpointBackedOffBanner } from "./backed-off-banner";
import { EndpointDisabledBanner } from "./disabled-banner";
import { EndpointAttempts } from "./endpoint-attempts";
import { disabledReasonText, EndpointStatusBadge } from "./endpoint-status";
import { FiltersCard } from "./filters-card";
import { HeadersCard } from "./headers-card";
import { batchingText, orderingText, rateLimitText } from "./pace-text";
import { PendingRetries } from "./pending-retries";
import { PollingCard } from "./polling-card";
import { RecoverDialog } from "./recover-dialog";
import { SecretCard } from "./secret-card";
import { SendTestDialog } from "./send-test-dialog";

const URL_KEYS = ["batch", "tab"] as const;
const TABS = ["overview", "attempts", "settings"] as const;
type Tab = (typeof TABS)[number];
const tabOf = (value: string | undefined): Tab => ((TABS as readonly string[]).includes(value ?? "") ? (value as Tab) : "overview");

/** "disabled by ada@example.com" → "Disabled by ada@example.com." */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-zinc-900">{children}</dd>
    </div>
  );
}

/** When it was made and changed, and how it is paced: the endpoint's settings at a glance. */
function DetailsCard({ endpoint: data, polling }: { endpoint: Endpoint; polling: boolean }) {
  return (
    <Card className="h-fit p-5">
      <h2 className="sr-only">Details</h2>
      <dl className="space-y-4">
        <Detail label="Created">
          <TimeText value={data.createdAt} />
        </Detail>
        <Detail label="Updated">
          <TimeText value={data.updatedAt} show="ago" />
        </Detail>
        <Detail label="Type">{polling ? "Polling: read by its consumers" : "Webhook: sent to its URL"}</Detail>
        {polling ? null : (
          <>
            <Detail label="Batching">{data.batch ? batchingText(data) : <span className="text-zinc-500">{batchingText(data)}</span>}</Detail>
            <Detail label="Order">{data.ordering === "fifo" ? orderingText(data) : <span className="text-zinc-500">{orderingText(data)}</span>}</Detail>
            <Detail label="Rate limit">{rateLimitText(data) ?? <span className="text-zinc-500">None</span>}</Detail>
            <Detail label="Attempts at once">{data.maxInFlight ?? <span className="text-zinc-500">Default</span>}</Detail>
          </>
        )}
        <Detail label="Channels">
          {data.channels?.length ? <span className="font-mono">{data.channels.join(", ")}</span> : <span className="text-zinc-500">All</span>}
        </Detail>
        <Detail label="Version">{data.version}</Detail>
      </dl>
    </Card>
  );
}

function StatusCard({ appId, endpoint }: { appId: string; endpoint: Endpoint }) {
  const { access } = useAppScope();
  const toggle = useSetEndpointDisabledMutation(appId, endpoint.id);
  const reason = disabledReasonText(endpoint);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const setEnabled = (enabled: boolean) =>
    toggle.mutateAsync(!enabled).then(
      () => toast.success(enabled ? "Endpoint enabled" : "Endpoint disabled"),
      (error: Error) => toast.error(error.message),
    );
  return (
    <Card className="p-5">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 className="font-semibold">Status</h2>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <EndpointStatusBadge endpoint={endpoint} />
            {endpoint.disabled && endpoint.disabledAt ? (
              <span className="text-sm text-zinc-500">
                since <TimeText value={endpoint.disabledAt} show="ago" />
              </span>
            ) : null}
          </div>
          <p className="mt-2 max-w-xl text-sm text-zinc-600">
            {isPolling(endpoint)
              ? endpoint.disabled
                ? `${sentence(endpoint.disabledDetail ?? (reason ? `Disabled ${reason}` : "Disabled"))} Its consumers are refused until it is enabled again; messages meanwhile are kept for them.`
                : "Its consumers can read its messages. Disable it to refuse their reads for a while; messages sent meanwhile are kept and can be read once it is enabled again."
              : endpoint.disabled
                ? `${sentence(endpoint.disabledDetail ?? (reason ? `Disabled ${reason}` : "Disabled"))} No webhooks are sent to it until it is enabled again; messages meanwhile are kept and can be recovered.`
                : "Webhooks are delivered to this endpoint. Disable it to pause delivery; messages sent meanwhile are kept and can be recovered once it is enabled again."}
          </p>
        </div>
        {access.manageEndpoint ? (
          <label className="flex shrink-0 items-center gap-2 text-sm font-medium text-zinc-700">
            <Switch
              checked={!endpoint.disabled}
              aria-label="Endpoint enabled"
              disabled={toggle.isPending}
              // Enabling is undone as easily; disabling stops delivery, so it asks first.
              onCheckedChange={(enabled) => (enabled ? void setEnabled(true) : setConfirmDisable(true))}
            />
            {endpoint.disabled ? "Disabled" : "Enabled"}
          </label>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirmDisable}
        onOpenChange={setConfirmDisable}
        title="Disable endpoint"
        description={
          isPolling(endpoint)
            ? "Its consumers are refused until it is enabled again. Messages sent meanwhile are kept for them."
            : "Nothing is sent to it until it is enabled again. Messages sent meanwhile are kept, paused, and can be recovered once it is enabled."
        }
        confirmLabel="Disable endpoint"
        pendingLabel="Disabling…"
        onConfirm={() => toggle.mutateAsync(true).then(() => toast.success("Endpoint disabled"))}
      />
    </Card>
  );
}

export function EndpointPage({ appId, endpointId }: { appId: string; endpointId: string }) {
  const scope = useAppScope();
  const { access } = scope;
  const router = useRouter();
  const app = useAppQuery(appId);
  const endpoint = useEndpointQuery(appId, endpointId);
  const remove = useDeleteEndpointMutation(appId, endpointId);
  const [deleting, setDeleting] = useState(false);
  const [sendingTest, setSendingTest] = useState(false);
  const [recovering, setRecovering] = useState(false);
  // The batch open in its dialog lives in the address, so an attempt on a message page can link to it.
  // So does the open tab, so a reload or a shared link shows the same part of the page.
  const { values: url, set: setUrl } = useUrlState(URL_KEYS);
  const tab = tabOf(url.tab);
  const appHref = scope.appHref(appId);
  // A polling endpoint has no URL to send to: no test event, no recover (the API answers 409).
  const polling = endpoint.data ? isPolling(endpoint.data) : false;

  if (endpoint.isError)
    return <MissingResource title="Endpoint not available" message={endpoint.error.message} back={{ href: appHref, label: "Back to the application" }} />;
  const data = endpoint.data;

  return (
    <>
      <Breadcrumbs items={[...scope.appCrumbs(appId, app.data?.name), { label: "Endpoint" }]} />
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1">
          {data ? (
            <>
              {polling ? (
                <h1 className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xl font-semibold tracking-tight">
                  <span className="min-w-0 break-words">{data.description || "Polling endpoint"}</span>
                  <Badge tone="info">Polling</Badge>
                </h1>
              ) : (
                <>
                  <h1 className="font-mono text-xl font-semibold tracking-tight break-all">{data.url}</h1>
                  {data.description ? <p className="mt-1 text-sm text-zinc-600">{data.description}</p> : null}
                </>
              )}
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <CopyableId label="ID" value={data.id} />
                {data.uid ? <CopyableId label="UID" value={data.uid} /> : null}
              </div>
            </>
          ) : (
            <div className="h-7 w-96 max-w-full animate-pulse rounded bg-zinc-200" aria-label="Loading" />
          )}
        </div>
        {(access.manageEndpoint || access.createAttempts) && data ? (
          <div className="flex flex-wrap items-center gap-2">
            {polling || !access.createAttempts ? null : (
              <Button variant="secondary" onClick={() => setSendingTest(true)}>
                <Send className="size-4" aria-hidden /> Send test event
              </Button>
            )}
            {access.manageEndpoint ? (
              <Button variant="secondary" asChild>
                <Link href={`${appHref}/endpoints/${data.id}/edit`}>
                  <Pencil className="size-4" aria-hidden /> Edit endpoint
                </Link>
              </Button>
            ) : null}
            {access.manageEndpoint || (!polling && access.createAttempts) ? (
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button variant="secondary" aria-label="Endpoint actions" className="px-2.5">
                    <MoreHorizontal className="size-4" aria-hidden />
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align="end">
                  {polling || !access.createAttempts ? null : (
                    <DropdownMenuItem onSelect={() => setRecovering(true)}>
                      <History className="size-4" aria-hidden /> Recover failed messages…
                    </DropdownMenuItem>
                  )}
                  {!polling && access.createAttempts && access.manageEndpoint ? <DropdownMenuSeparator /> : null}
                  {access.manageEndpoint ? (
                    <DropdownMenuItem className="text-red-700 data-[highlighted]:bg-red-50" onSelect={() => setDeleting(true)}>
                      <Trash2 className="size-4" aria-hidden /> Delete endpoint
                    </DropdownMenuItem>
                  ) : null}
                </DropdownMenuContent>
              </DropdownMenu>
            ) : null}
          </div>
        ) : null}
      </div>

      {data ? (
        <div className="mb-6 empty:hidden">
          <EndpointDisabledBanner appId={appId} endpoint={data} />
          <EndpointBackedOffBanner endpoint={data} />
        </div>
      ) : null}
      {data ? (
        <Tabs value={tab} onValueChange={(value) => setUrl({ tab: value === "overview" ? undefined : value })}>
          <TabsList aria-label="Endpoint sections">
            <TabsTrigger value="overview">Overview</TabsTrigger>
            <TabsTrigger value="attempts">{polling ? "Reads" : "Attempts"}</TabsTrigger>
            <TabsTrigger value="settings">Settings</TabsTrigger>
          </TabsList>
          <TabsContent value="overview">
            <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
              <div className="min-w-0 space-y-6">
                <StatusCard appId={appId} endpoint={data} />
                {polling ? (
                  <>
                    <PollingCard appId={appId} endpoint={data} />
                    <ConsumersCard appId={appId} endpointId={data.id} />
                  </>
                ) : (
                  <>
                    <DeliveryCard appId={appId} endpointId={data.id} onRecover={access.createAttempts ? () => setRecovering(true) : null} />
                    <PendingRetries appId={appId} endpointId={data.id} />
                    {data.batch ? <BatchesCard appId={appId} endpointId={data.id} onOpen={(batch) => setUrl({ batch })} /> : null}
                  </>
                )}
              </div>
              <DetailsCard endpoint={data} polling={polling} />
            </div>
          </TabsContent>
          <TabsContent value="attempts">
            <EndpointAttempts appId={appId} endpointId={data.id} polling={polling} />
          </TabsContent>
          <TabsContent value="settings">
            <div className="max-w-4xl space-y-6">
              <SecretCard appId={appId} endpointId={data.id} polling={polling} />
              <FiltersCard appId={appId} endpoint={data} />
              {/* A polling endpoint sends no requests, so it has no headers to add. */}
              {polling ? null : <HeadersCard appId={appId} endpointId={data.id} />}
            </div>
          </TabsContent>
        </Tabs>
      ) : (
        <div className="space-y-6" aria-hidden>
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-32 animate-pulse rounded-lg border border-zinc-200 bg-surface" />
          ))}
        </div>
      )}

      {data && !polling ? <BatchDialog appId={appId} endpointId={data.id} batchId={url.batch ?? null} onClose={() => setUrl({ batch: undefined })} /> : null}
      {access.createAttempts && data && !polling ? (
        <>
          <SendTestDialog appId={appId} endpointId={data.id} open={sendingTest} onOpenChange={setSendingTest} />
          <RecoverDialog appId={appId} endpointId={data.id} open={recovering} onOpenChange={setRecovering} />
        </>
      ) : null}
      {access.manageEndpoint && data ? (
        <ConfirmDialog
          open={deleting}
          onOpenChange={setDeleting}
          title="Delete endpoint"
          description={
            polling ? (
              "Its token stops working at once, and its consumers, read history and secret are deleted. This cannot be undone."
            ) : (
              <>
                Webhooks stop going to <span className="font-mono break-all">{data.url}</span> at once, and its secret and delivery history are deleted. This
                cannot be undone.
              </>
            )
          }
          confirmLabel="Delete endpoint"
          pendingLabel="Deleting…"
          onConfirm={async () => {
            await remove.mutateAsync();
            toast.success("Endpoint deleted");
            router.replace(appHref);
          }}
        />
      ) : null}
    </>
  );
}
