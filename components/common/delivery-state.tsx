import { Badge } from "@/components/ui/badge";
import type { DeliveryStatus } from "@/lib/delivery/delivery-state";
import { type ShownState, shownState } from "@/lib/delivery/shown-state";
import type { LogStatus } from "@/lib/queries/messages";

type Tone = "success" | "warning" | "danger" | "info" | "neutral";

/**
 * The one set of words, badge tones and dots for a delivery's state, used by the message
 * log, a message's destinations and an endpoint's counters alike.
 */
export const DELIVERY_STATE_TEXT: Record<ShownState, { label: string; tone: Tone; dot: string; hint: string }> = {
  succeeded: { label: "Succeeded", tone: "success", dot: "bg-emerald-500", hint: "Delivered: the endpoint answered 2xx" },
  sending: { label: "Sending", tone: "info", dot: "bg-brand-500 animate-pulse", hint: "Being sent right now" },
  retrying: { label: "Retrying", tone: "warning", dot: "bg-amber-500", hint: "Failed at least once and waiting for the next try on the retry schedule" },
  pending: { label: "Pending", tone: "neutral", dot: "bg-zinc-400", hint: "Not tried yet: waiting for its first try" },
  paused: { label: "Paused", tone: "neutral", dot: "bg-zinc-500", hint: "Held while the endpoint is disabled; recover sends them again" },
  failed: { label: "Failed", tone: "danger", dot: "bg-red-500", hint: "Gave up after every retry; recover sends them again" },
};

/** The message log's status filters and the state each lists: a filter reads as its state, and a state's counter links to its filter. */
export const LOG_STATUS_STATE: Record<LogStatus, ShownState> = {
  succeeded: "succeeded",
  failing: "retrying",
  pending: "pending",
  exhausted: "failed",
  paused: "paused",
};

/** A delivery's state in words, from its stored status and the attempts made. */
export function deliveryState(status: DeliveryStatus, attempts: number) {
  const state = shownState(status, attempts);
  return { state, ...DELIVERY_STATE_TEXT[state] };
}

export function DeliveryStateBadge({ status, attempts }: { status: DeliveryStatus; attempts: number }) {
  const { tone, label } = deliveryState(status, attempts);
  return <Badge tone={tone}>{label}</Badge>;
}
