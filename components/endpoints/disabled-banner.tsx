"use client";

import { CircleAlert, History, Info, PlugZap } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useAppScope } from "@/components/common/app-scope";
import { endpointName, isPolling } from "@/components/common/endpoint-name";
import { Button } from "@/components/ui/button";
import { TimeText } from "@/components/ui/time-text";
import { type Endpoint, useEndpointsQuery, useSetEndpointDisabledMutation } from "@/lib/queries/endpoints";
import { RecoverDialog } from "./recover-dialog";

/** Disabled by the failure rule or by a 410 Gone: something the team should act on. */
export const disabledBySystem = (endpoint: Pick<Endpoint, "disabled" | "disabledReason">) => endpoint.disabled && endpoint.disabledReason !== "manual";

const headline = (endpoint: Pick<Endpoint, "disabledReason">) =>
  endpoint.disabledReason === "gone"
    ? "The receiver answered 410 Gone, so this endpoint was disabled"
    : "This endpoint was disabled because its deliveries kept failing";

/**
 * The endpoint page's alarm while the system has disabled the endpoint, with Re-enable;
 * once re-enabled, an offer to recover what failed or waited since it was disabled.
 */
export function EndpointDisabledBanner({ appId, endpoint }: { appId: string; endpoint: Endpoint }) {
  const { access } = useAppScope();
  const toggle = useSetEndpointDisabledMutation(appId, endpoint.id);
  // Arriving from the application page's Re-enable, the recover offer is waiting.
  const [reenabledSince, setReenabledSince] = useState<string | null>(useSearchParams().get("recoverSince"));
  const [recovering, setRecovering] = useState(false);
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
                () => {
                  setReenabledSince(since ?? new Date().toISOString());
                  toast.success("Endpoint enabled");
                },
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

  if (reenabledSince && access.createAttempts && !endpoint.disabled) {
    return (
      <section aria-label="Endpoint re-enabled" className="flex flex-wrap items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3">
        <p className="min-w-0 flex-1 text-sm text-emerald-900">
          <span className="font-semibold">Enabled again.</span> New messages are delivered; those that failed or waited while it was disabled are not sent until
          you recover them.
        </p>
        <Button size="sm" variant="secondary" onClick={() => setRecovering(true)}>
          <History className="size-4" aria-hidden /> Recover the messages that failed since it was disabled
        </Button>
        <RecoverDialog
          appId={appId}
          endpointId={endpoint.id}
          since={reenabledSince}
          open={recovering}
          onOpenChange={(open) => {
            setRecovering(open);
            if (!open) setReenabledSince(null);
          }}
        />
      </section>
    );
  }
  return null;
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

/** One click from the application page: enable the endpoint, then offer its recovery on its own page. */
function ReenableButton({ appId, endpoint }: { appId: string; endpoint: Endpoint }) {
  const toggle = useSetEndpointDisabledMutation(appId, endpoint.id);
  const router = useRouter();
  const { access, appHref } = useAppScope();
  const since = endpoint.disabledAt ?? new Date().toISOString();
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
                      onClick: () => router.push(`${appHref(appId)}/endpoints/${endpoint.id}?recoverSince=${encodeURIComponent(since)}`),
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
