import { nextAttemptDelay } from "./retry-schedule";

// The life of a delivery (one message to one endpoint), in one place. Every change of a
// delivery's state is one of the events below; `transition` says what it leads to, and
// the store (./store) writes only what it says. Bulk statements (claim, pause, recover)
// select their rows with the same rules, exported here as FROM.
//
//   pending ──claimed──▶ sending ──attempted: 2xx─────────────▶ succeeded
//      ▲                   │  ├───attempted: failed, retries left ─▶ pending (at the next retry)
//      │                   │  ├───attempted: failed, none left ───▶ exhausted
//      │                   │  └───attempted: 410 Gone ────────────▶ paused (its endpoint is disabled)
//      │                   ├────endpoint_disabled (seen at claim) ─▶ paused
//      └───throttled───────┘
//   sending (its lease ran out) ──claimed──▶ sending, the lost attempt counted (recorded as interrupted)
//   pending ──endpoint_disabled──▶ paused
//   pending ──backed_off (its endpoint keeps timing out)──▶ pending, due when the breaker lets a probe go
//   exhausted, paused, pending after a failure ──recovered──▶ pending (now)
//   any ──attempted manually: 2xx──▶ succeeded; failed: as it was (an unscheduled pending one → exhausted)

export type DeliveryStatus = "pending" | "sending" | "succeeded" | "exhausted" | "paused";

export interface DeliveryState {
  status: DeliveryStatus;
  /** When it is next due (pending), or its lease expiry (sending); null when nothing is scheduled. */
  nextAttemptAt: number | null;
  /** Attempts made so far, scheduled and manual. */
  attempts: number;
  /**
   * Pending without a due time because it waits its turn (behind a FIFO endpoint's earlier
   * message, or on its batch's lead: store/queue-order.ts), not because nothing is scheduled.
   */
  waiting?: boolean;
}

export interface AttemptOutcome {
  succeeded: boolean;
  /** The HTTP status, when an answer came. */
  status: number | null;
  errorKind: string | null;
  retryAfterSeconds?: number;
}

export type DeliveryEvent =
  | { type: "claimed"; leaseUntil: number }
  | { type: "attempted"; trigger: "scheduled" | "manual"; outcome: AttemptOutcome; schedule: readonly number[]; now: number; random?: () => number }
  | { type: "endpoint_disabled" }
  | { type: "throttled"; until: number }
  | { type: "backed_off"; until: number }
  | { type: "recovered"; now: number };

/** What operational webhooks and notices report about a message after an attempt. */
export type MessageEventType = "message.attempt.exhausted" | "message.attempt.failing" | "message.attempt.recovered";

export interface Transition {
  state: DeliveryState;
  /** False when the event does not apply in this state (the state is returned as it was). */
  changed: boolean;
  /** The endpoint answered 410 Gone: it is to be disabled. */
  endpointGone?: boolean;
  /** Claimed after another worker's lease ran out: its attempt is recorded as interrupted. */
  interrupted?: boolean;
  message?: MessageEventType;
}

/** The states each event applies to; the store's bulk statements select rows by these. */
export const FROM = {
  claimed: ["pending", "sending"],
  scheduledAttempt: ["sending"],
  // sending: only by the worker holding the lease, before it sends (a claim of a disabled
  // endpoint's delivery); a bulk pause leaves leased rows to their worker, whose record of
  // the attempt then applies this event to the pending state it leads to.
  endpoint_disabled: ["pending", "sending"],
  throttled: ["sending"],
  backed_off: ["pending"],
  // pending only after a failed attempt (attempts > 0): one never tried is left alone.
  recovered: ["exhausted", "paused", "pending"],
} as const satisfies Record<string, readonly DeliveryStatus[]>;

// The 4th failure in a row is worth telling: the receiver is not just blinking.
const FAILING_AT_ATTEMPT = 4;

const includes = (statuses: readonly DeliveryStatus[], status: DeliveryStatus) => statuses.includes(status);
const same = (state: DeliveryState): Transition => ({ state, changed: false });
const to = (state: DeliveryState, status: DeliveryStatus, nextAttemptAt: number | null, extra: Partial<Transition> = {}): Transition => ({
  state: { ...state, status, nextAttemptAt },
  changed: true,
  ...extra,
});

function attempted(state: DeliveryState, event: Extract<DeliveryEvent, { type: "attempted" }>): Transition {
  const { outcome } = event;
  const number = state.attempts + 1;
  const counted = { ...state, attempts: number };
  const endpointGone = !outcome.succeeded && outcome.status === 410;
  if (event.trigger === "manual") {
    // Never retried: a success finishes the delivery, a failure leaves its schedule (or final
    // state) as it was, and ends one that had no schedule.
    if (outcome.succeeded) return to(counted, "succeeded", null);
    const unscheduled = state.status === "pending" && state.nextAttemptAt === null && !state.waiting;
    return unscheduled ? to(counted, "exhausted", null, { endpointGone }) : { state: counted, changed: true, endpointGone };
  }
  if (!includes(FROM.scheduledAttempt, state.status)) return same(state);
  if (outcome.succeeded) return to(counted, "succeeded", null, number > 1 ? { message: "message.attempt.recovered" } : {});
  if (endpointGone) return to(counted, "paused", null, { endpointGone });
  const delay = nextAttemptDelay({
    schedule: event.schedule,
    attemptNumber: number,
    status: outcome.status ?? undefined,
    errorKind: outcome.errorKind ?? undefined,
    retryAfterSeconds: outcome.retryAfterSeconds,
    random: event.random,
  });
  if (delay === null) return to(counted, "exhausted", null, { message: "message.attempt.exhausted" });
  return to(counted, "pending", event.now + delay, number === FAILING_AT_ATTEMPT ? { message: "message.attempt.failing" } : {});
}

/** The state a delivery moves to on an event; `changed: false` when the event does not apply to it. */
export function transition(state: DeliveryState, event: DeliveryEvent): Transition {
  switch (event.type) {
    case "claimed":
      if (!includes(FROM.claimed, state.status)) return same(state);
      // A lease that ran out: the worker holding it stopped, maybe after sending. That attempt counts.
      if (state.status === "sending") return to({ ...state, attempts: state.attempts + 1 }, "sending", event.leaseUntil, { interrupted: true });
      return to(state, "sending", event.leaseUntil);
    case "attempted":
      return attempted(state, event);
    case "endpoint_disabled":
      return includes(FROM.endpoint_disabled, state.status) ? to(state, "paused", null) : same(state);
    case "throttled":
      return includes(FROM.throttled, state.status) ? to(state, "pending", event.until) : same(state);
    case "backed_off":
      // Never earlier than it was due: a retry already scheduled later keeps its time.
      return includes(FROM.backed_off, state.status) ? to(state, "pending", Math.max(state.nextAttemptAt ?? 0, event.until)) : same(state);
    case "recovered":
      if (!includes(FROM.recovered, state.status) || (state.status === "pending" && state.attempts === 0)) return same(state);
      return to(state, "pending", event.now);
  }
}
