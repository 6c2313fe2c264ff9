"use client";

import { CircleAlert, History, Info, PlugZap, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useAppScope } from "@/components/common/app-scope";
import { endpointName, isPolling } from "@/components/common/endpoint-name";
import { Button } from "@/components/ui/button";
import { TimeText } from "@/components/ui/time-text";
import { type Endpoint, useDismissRecoverOfferMutation, useEndpointsQuery, useSetEndpointDisabledMutation } from "@/lib/queries/endpoints";
import { RecoverDialog } from "./recover-dialog";

/** Disabled by the failure rule or by a 410 Gone: something the team should act on. */
export const disabledBySystem = (endpoint: Pick<Endpoint, "disabled" | "disabledReason">) => endpoint.disabled && endpoint.disabledReason !== "manual";

const headline = (endpoint: Pick<Endpoint, "disabledReason">) =>
  endpoint.disabledReason === "gone"
    ? "The receiver answered 410 Gone, so this endpoint was disabled"
    : "This endpoint was disabled because its deliveries kept failing";

/**
 * The endpoint page's alarm while the system has disabled the endpoint, with Re-enable;
 * once re-enabled, the server's offer to recover what was paused meanwhile, until someone
 * recovers or dismisses it.
 */
export function EndpointDisabledBanner({ appId, endpoint }: { appId: string; endpoint: Endpoint }) {
  const { access } = useAppScope();
  const toggle = useSetEndpointDisabledMutation(appId, endpoint.id);
  const developer = access.manageEndpoint;

  if (endpoint.disabled && endpoint.disabledReason === "manual") {
    return (
      <p className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm text-zinc-600">
        <Info className="size-4 shrink-0 text-zinc-400" aria-hidden />
        <span>
          Disabled by hand <TimeText value={endpoint.disabledAt} show="ago" />.{" "}
          {isPolling(endpoint) ? "Messages meanwhile are kept for its consumers." : "Messages meanwhile are kept for recovery."}
        </span>
      </p>
    );
  }

  if (disabledBySystem(endpoint)) {
    const since = endpoint.disabledAt;
    return (
      <section role="alert" aria-label="Endpoint disabled" className="flex flex-wrap items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3">
        <CircleAlert className="mt-0.5 size-5 shrink-0 text-red-700" aria-hidden />
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-semibold text-red-900">{headline(endpoint)}</p>
          <p className="mt-1 text-red-800">
            {endpoint.disabledDetail ? `${endpoint.disabledDetail.replace(/\.$/, "")}. ` : null}
            Disabled <TimeText value={since} show="ago" />. Messages sent meanwhile are kept, not delivered.
          </p>
        </div>
        {developer ? (
          <Button
            size="sm"
            disabled={toggle.isPending}
            onClick={() =>
              toggle.mutateAsync(false).then(
                () => toast.success("Endpoint enabled"),
                (error: Error) => toast.error(error.message),
              )
            }
          >
            <PlugZap className="size-4" aria-hidden /> {toggle.isPending ? "Enabling…" : "Re-enable"}
          </Button>
        ) : null}
      </section>
    );
  }

  return <RecoverOffer appId={appId} endpoint={endpoint} />;
}

/**
 * After re-enabling, the recover the server offers for what was paused meanwhile: Recover…
 * (the recover dialog, from the oldest paused message) or Dismiss. The dialog stays open
 * after a recover withdraws the offer, to show its progress.
 */
function RecoverOffer({ appId, endpoint }: { appId: string; endpoint: Endpoint }) {
  const { access } = useAppScope();
  const dismiss = useDismissRecoverOfferMutation(appId, endpoint.id);
  const [recoverSince, setRecoverSince] = useState<string | null>(null);
  const offer = endpoint.disabled ? null : endpoint.recoverOffer;
  const may = access.createAttempts;
  const messages = (n: number) => (n === 1 ? "1 paused message" : `${n.toLocaleString("en-US")} paused messages`);
  return (
    <>
      {offer ? (
        <section aria-label="Endpoint re-enabled" className="flex flex-wrap items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3">
          <p className="min-w-0 flex-1 text-sm text-emerald-900">
            <span className="font-semibold">Enabled again.</span> New messages are delivered;{" "}
            {offer.paused === 1 ? "1 message" : `${offer.paused.toLocaleString("en-US")} messages`} paused while it was disabled (from{" "}
            <TimeText value={offer.since} show="exact" /> on) {offer.paused === 1 ? "is" : "are"} not sent until you recover them.
          </p>
          {may ? (
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="secondary" onClick={() => setRecoverSince(offer.since)}>
                <History className="size-4" aria-hidden /> Recover {messages(offer.paused)}…
              </Button>
              <Button
                size="sm"
                variant="ghost"
                disabled={dismiss.isPending}
                onClick={() =>
                  dismiss.mutateAsync().then(
                    () => toast.success("Recover offer dismissed"),
                    (error: Error) => toast.error(error.message),
                  )
                }
              >
                <X className="size-4" aria-hidden /> {dismiss.isPending ? "Dismissing…" : "Dismiss"}
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}
      {may ? (
        <RecoverDialog
          appId={appId}
          endpointId={endpoint.id}
          since={recoverSince}
          open={recoverSince !== null}
          onOpenChange={(open) => {
            if (!open) setRecoverSince(null);
          }}
        />
      ) : null}
    </>
  );
}

/** The application page's one banner naming every endpoint the system has disabled. */
export function AppDisabledBanner({ appId }: { appId: string }) {
  const { access, appHref } = useAppScope();
  const developer = access.manageEndpoint;
  const endpoints = useEndpointsQuery(appId);
  const disabled = endpoints.data?.pages.flatMap((page) => page.data).filter(disabledBySystem) ?? [];
  if (disabled.length === 0) return null;
  return (
    <section role="alert" aria-label="Disabled endpoints" className="mb-6 flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm">
      <CircleAlert className="mt-0.5 size-5 shrink-0 text-red-700" aria-hidden />
      <div className="min-w-0 flex-1">
        <p className="font-semibold text-red-900">
          {disabled.length === 1 ? "1 endpoint was disabled" : `${disabled.length} endpoints were disabled`} and receives no webhooks
        </p>
        <ul className="mt-1 space-y-1 text-red-800">
          {disabled.map((endpoint) => (
            <li key={endpoint.id} className="min-w-0">
              <Link href={`${appHref(appId)}/endpoints/${endpoint.id}`} className="font-mono break-all underline underline-offset-2 hover:text-red-950">
                {endpointName(endpoint)}
              </Link>
              <span className="text-red-700">
                {" "}
                — {endpoint.disabledReason === "gone" ? "answered 410 Gone" : (endpoint.disabledDetail ?? "kept failing").replace(/\.$/, "")},{" "}
                <TimeText value={endpoint.disabledAt} show="ago" />
              </span>
              {developer ? <ReenableButton appId={appId} endpoint={endpoint} /> : null}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** One click from the application page: enable the endpoint; its recover offer waits on its own page. */
function ReenableButton({ appId, endpoint }: { appId: string; endpoint: Endpoint }) {
  const toggle = useSetEndpointDisabledMutation(appId, endpoint.id);
  const router = useRouter();
  const { access, appHref } = useAppScope();
  return (
    <Button
      size="sm"
      variant="secondary"
      className="ml-2 h-7 align-middle"
      disabled={toggle.isPending}
      onClick={() =>
        toggle.mutateAsync(false).then(
          () =>
            toast.success(
              "Endpoint enabled",
              access.createAttempts
                ? {
                    action: {
                      label: "Recover its messages…",
                      onClick: () => router.push(`${appHref(appId)}/endpoints/${endpoint.id}`),
                    },
                  }
                : undefined,
            ),
          (error: Error) => toast.error(error.message),
        )
      }
    >
      <PlugZap className="size-3.5" aria-hidden /> {toggle.isPending ? "Enabling…" : "Re-enable"}
    </Button>
  );
}
