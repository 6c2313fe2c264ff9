"use client";

import { endpointName } from "@/components/common/endpoint-name";
import { Badge } from "@/components/ui/badge";
import { nextTryText } from "@/components/ui/time-text";
import { Tooltip } from "@/components/ui/tooltip";
import type { DeliveryState } from "@/lib/queries/messages";
import { cn } from "@/lib/utils";

type Tone = "success" | "warning" | "danger" | "info" | "neutral";

/**
 * A delivery's state in words. A pending delivery that has been tried already is
 * "retrying" (it failed and waits for its next try); one not tried yet is "pending".
 */
export function deliveryState(status: DeliveryState, attempts: number): { label: string; tone: Tone; dot: string } {
  switch (status) {
    case "succeeded":
      return { label: "Succeeded", tone: "success", dot: "bg-emerald-500" };
    case "sending":
      return { label: "Sending", tone: "info", dot: "bg-brand-500 animate-pulse" };
    case "pending":
      return attempts > 0 ? { label: "Retrying", tone: "warning", dot: "bg-amber-500" } : { label: "Pending", tone: "neutral", dot: "bg-zinc-400" };
    case "paused":
      return { label: "Paused", tone: "neutral", dot: "bg-zinc-500" };
    default:
      return { label: "Failed", tone: "danger", dot: "bg-red-500" };
  }
}

export function DeliveryStatusBadge({ status, attempts }: { status: DeliveryState; attempts: number }) {
  const state = deliveryState(status, attempts);
  return <Badge tone={state.tone}>{state.label}</Badge>;
}

/** One dot per endpoint a message went to; hover or focus shows the URL, the state and the attempts. */
export function DeliveryDots({
  deliveries,
}: {
  deliveries: {
    endpointId: string;
    url: string;
    type: "webhook" | "polling";
    status: DeliveryState;
    attempts: number;
    nextAttemptAt: string | null;
    lastStatusCode: number | null;
  }[];
}) {
  if (deliveries.length === 0) return <span className="text-xs text-zinc-400">No endpoints</span>;
  const shown = deliveries.slice(0, 12);
  return (
    <ul className="flex flex-wrap items-center gap-1.5" aria-label="Deliveries">
      {shown.map((d) => {
        const state = deliveryState(d.status, d.attempts);
        const next = nextTryText(d.nextAttemptAt);
        const name = endpointName({ ...d, id: d.endpointId });
        const summary = `${name}: ${state.label}, ${d.attempts} ${d.attempts === 1 ? "attempt" : "attempts"}${d.lastStatusCode ? `, last HTTP ${d.lastStatusCode}` : ""}${next ? `, next try ${next}` : ""}`;
        return (
          <li key={d.endpointId}>
            <Tooltip
              content={
                <span className="block space-y-0.5">
                  <span className="block font-mono break-all">{name}</span>
                  <span className="block text-zinc-300">
                    {state.label} · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                    {d.lastStatusCode ? ` · HTTP ${d.lastStatusCode}` : ""}
                    {next ? ` · next try ${next}` : ""}
                  </span>
                </span>
              }
            >
              <span
                tabIndex={0}
                role="img"
                aria-label={summary}
                className="flex size-4 items-center justify-center rounded-full outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
              >
                <span className={cn("block size-2.5 rounded-full", state.dot)} />
              </span>
            </Tooltip>
          </li>
        );
      })}
      {deliveries.length > shown.length ? <li className="text-xs text-zinc-500">+{deliveries.length - shown.length}</li> : null}
    </ul>
  );
}

/** "3 of 4 delivered" next to the dots, so the row reads without hovering. */
export function deliverySummary(deliveries: { status: DeliveryState; attempts: number }[]) {
  if (deliveries.length === 0) return null;
  const failed = deliveries.filter((d) => d.status === "exhausted" || d.status === "paused").length;
  const retrying = deliveries.filter((d) => d.status === "pending" && d.attempts > 0).length;
  const succeeded = deliveries.filter((d) => d.status === "succeeded").length;
  if (failed) return { text: `${failed} failed`, tone: "text-red-700" };
  if (retrying) return { text: `${retrying} retrying`, tone: "text-amber-700" };
  if (succeeded === deliveries.length) return { text: "All delivered", tone: "text-emerald-700" };
  return { text: `${succeeded} of ${deliveries.length} delivered`, tone: "text-zinc-600" };
}
