"use client";

import { endpointName } from "@/components/common/endpoint-name";
import { deliveryState } from "@/components/common/delivery-state";
import { nextTryText } from "@/components/ui/time-text";
import { Tooltip } from "@/components/ui/tooltip";
import type { DeliveryState } from "@/lib/queries/messages";
import { cn } from "@/lib/utils";

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

/** "3 of 4 delivered" next to the dots, so the row reads without hovering: the worst state first, in the badges' words. */
export function deliverySummary(deliveries: { status: DeliveryState; attempts: number }[]) {
  if (deliveries.length === 0) return null;
  const count = (state: ReturnType<typeof deliveryState>["state"]) => deliveries.filter((d) => deliveryState(d.status, d.attempts).state === state).length;
  const failed = count("failed");
  const paused = count("paused");
  const retrying = count("retrying");
  const succeeded = count("succeeded");
  if (failed) return { text: `${failed} failed`, tone: "text-red-700" };
  if (paused) return { text: `${paused} paused`, tone: "text-zinc-600" };
  if (retrying) return { text: `${retrying} retrying`, tone: "text-amber-700" };
  if (succeeded === deliveries.length) return { text: "All delivered", tone: "text-emerald-700" };
  return { text: `${succeeded} of ${deliveries.length} delivered`, tone: "text-zinc-600" };
}
