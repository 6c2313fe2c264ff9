"use client";

import { CheckCircle2, ChevronRight } from "lucide-react";
import Link from "next/link";
import { endpointName } from "@/components/common/endpoint-name";
import { Badge } from "@/components/ui/badge";
import { TimeText } from "@/components/ui/time-text";
import type { TroubledEndpoint } from "@/lib/queries/overview";

const STATE = {
  disabled: { label: "Disabled", tone: "danger" },
  failing: { label: "Failing", tone: "warning" },
  backedOff: { label: "Backing off", tone: "warning" },
} as const;

/** Endpoints disabled or failing, the worst first, each with why and a link to it. */
export function TroubleList({ endpoints, showApp }: { endpoints: TroubledEndpoint[]; showApp: boolean }) {
  if (endpoints.length === 0) {
    return (
      <p className="flex items-center gap-2 px-5 py-4 text-sm text-zinc-600">
        <CheckCircle2 className="size-4 shrink-0 text-emerald-700" aria-hidden />
        No endpoint is disabled or failing. Endpoints that fail or get disabled show up here first.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-zinc-100" aria-label="Endpoints that need attention">
      {endpoints.map((endpoint) => {
        const state = STATE[endpoint.state];
        const name = endpointName(endpoint);
        return (
          <li key={endpoint.id}>
            <Link href={`/apps/${endpoint.appId}/endpoints/${endpoint.id}`} className="flex items-start gap-3 px-5 py-3 hover:bg-zinc-50">
              <Badge tone={state.tone} className="mt-0.5 shrink-0">
                {state.label}
              </Badge>
              <div className="min-w-0 flex-1">
                <p className="truncate font-mono text-[13px] font-medium text-zinc-900" title={name}>
                  {name}
                </p>
                <p className="text-sm break-words text-zinc-600">{endpoint.reason}</p>
                <p className="mt-0.5 text-xs text-zinc-500">
                  {showApp ? <>{endpoint.appName} · </> : null}
                  {endpoint.since ? (
                    <>
                      {endpoint.state === "disabled" ? "disabled" : "since"} <TimeText value={endpoint.since} show="ago" />
                    </>
                  ) : (
                    `${endpoint.failures24h.toLocaleString()} failed attempts in 24 h`
                  )}
                </p>
              </div>
              <ChevronRight className="mt-1 size-4 shrink-0 text-zinc-400" aria-hidden />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
