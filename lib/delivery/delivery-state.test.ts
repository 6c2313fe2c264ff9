import { describe, expect, it } from "vitest";
import { type AttemptOutcome, type DeliveryEvent, type DeliveryState, transition } from "./delivery-state";

const NOW = 1_000_000;
const SCHEDULE = [5, 60]; // two retries after the first attempt
const noJitter = () => 0.5;

const states: Record<string, DeliveryState> = {
  "pending, due": { status: "pending", nextAttemptAt: NOW, attempts: 0 },
  "pending, retrying": { status: "pending", nextAttemptAt: NOW + 5_000, attempts: 1 },
  "pending, unscheduled": { status: "pending", nextAttemptAt: null, attempts: 0 },
  // Behind a FIFO endpoint's earlier message, or on its batch's lead.
  "pending, waiting its turn": { status: "pending", nextAttemptAt: null, attempts: 1, waiting: true },
  sending: { status: "sending", nextAttemptAt: NOW + 60_000, attempts: 1 },
  "sending, last try": { status: "sending", nextAttemptAt: NOW + 60_000, attempts: 2 },
  succeeded: { status: "succeeded", nextAttemptAt: null, attempts: 1 },
  exhausted: { status: "exhausted", nextAttemptAt: null, attempts: 3 },
  paused: { status: "paused", nextAttemptAt: null, attempts: 1 },
};

const ok: AttemptOutcome = { succeeded: true, status: 200, errorKind: null };
const failed: AttemptOutcome = { succeeded: false, status: 500, errorKind: "http_status" };
const gone: AttemptOutcome = { succeeded: false, status: 410, errorKind: "http_status" };
const attempt = (trigger: "scheduled" | "manual", outcome: AttemptOutcome): DeliveryEvent => ({
  type: "attempted",
  trigger,
  outcome,
  schedule: SCHEDULE,
  now: NOW,
  random: noJitter,
});

const events: Record<string, DeliveryEvent> = {
  claimed: { type: "claimed", leaseUntil: NOW + 60_000 },
  "scheduled 2xx": attempt("scheduled", ok),
  "scheduled 500": attempt("scheduled", failed),
  "scheduled 410": attempt("scheduled", gone),
  "manual 2xx": attempt("manual", ok),
  "manual 500": attempt("manual", failed),
  "manual 410": attempt("manual", gone),
  endpoint_disabled: { type: "endpoint_disabled" },
  throttled: { type: "throttled", until: NOW + 200 },
  backed_off: { type: "backed_off", until: NOW + 30_000 },
  recovered: { type: "recovered", now: NOW },
};

// Every state × event: the status it leads to, "=" when the event does not apply.
// Columns follow `events` above.
const table: Record<string, string[]> = {
  //                      claimed    sched 2xx    sched 500    sched 410  manual 2xx   manual 500   manual 410   disabled   throttled  backed off  recovered
  "pending, due": ["sending", "=", "=", "=", "succeeded", "pending", "pending", "paused", "=", "pending", "="],
  "pending, retrying": ["sending", "=", "=", "=", "succeeded", "pending", "pending", "paused", "=", "pending", "pending"],
  "pending, unscheduled": ["sending", "=", "=", "=", "succeeded", "exhausted", "exhausted", "paused", "=", "pending", "="],
  "pending, waiting its turn": ["sending", "=", "=", "=", "succeeded", "pending", "pending", "paused", "=", "pending", "pending"],
  sending: ["sending", "succeeded", "pending", "paused", "succeeded", "sending", "sending", "paused", "pending", "=", "="],
  "sending, last try": ["sending", "succeeded", "exhausted", "paused", "succeeded", "sending", "sending", "paused", "pending", "=", "="],
  succeeded: ["=", "=", "=", "=", "succeeded", "succeeded", "succeeded", "=", "=", "=", "="],
  exhausted: ["=", "=", "=", "=", "succeeded", "exhausted", "exhausted", "=", "=", "=", "pending"],
  paused: ["=", "=", "=", "=", "succeeded", "paused", "paused", "=", "=", "=", "pending"],
};

describe("the delivery state machine", () => {
  for (const [stateName, expected] of Object.entries(table)) {
    Object.keys(events).forEach((eventName, column) => {
      it(`${stateName} + ${eventName} → ${expected[column]}`, () => {
        const before = states[stateName]!;
        const { state, changed } = transition(before, events[eventName]!);
        if (expected[column] === "=") {
          expect(changed).toBe(false);
          expect(state).toEqual(before);
        } else {
          expect(changed).toBe(true);
          expect(state.status).toBe(expected[column]);
        }
      });
    });
  }

  it("covers every state and every event", () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(states).sort());
    for (const row of Object.values(table)) expect(row).toHaveLength(Object.keys(events).length);
  });

  it("schedules the next retry from the schedule, counts the attempt, and clears the time of a final state", () => {
    expect(transition(states.sending!, events["scheduled 500"]!).state).toEqual({ status: "pending", nextAttemptAt: NOW + 60_000, attempts: 2 });
    expect(transition(states["sending, last try"]!, events["scheduled 500"]!).state).toEqual({ status: "exhausted", nextAttemptAt: null, attempts: 3 });
    expect(transition(states.sending!, events["scheduled 2xx"]!).state).toEqual({ status: "succeeded", nextAttemptAt: null, attempts: 2 });
    expect(transition(states.paused!, events.recovered!).state).toEqual({ status: "pending", nextAttemptAt: NOW, attempts: 1 });
    expect(transition(states.sending!, events.throttled!).state).toEqual({ status: "pending", nextAttemptAt: NOW + 200, attempts: 1 });
    // Backing off moves a due delivery to the probe's time, never a later retry earlier.
    expect(transition(states["pending, due"]!, events.backed_off!).state.nextAttemptAt).toBe(NOW + 30_000);
    expect(transition({ ...states["pending, retrying"]!, nextAttemptAt: NOW + 90_000 }, events.backed_off!).state.nextAttemptAt).toBe(NOW + 90_000);
    // A lease that ran out: the claim counts the lost attempt and says so.
    expect(transition(states.sending!, events.claimed!)).toMatchObject({ state: { status: "sending", attempts: 2 }, interrupted: true });
    expect(transition(states["pending, due"]!, events.claimed!)).toMatchObject({ state: { status: "sending", attempts: 0 } });
    expect(transition(states["pending, due"]!, events.claimed!).interrupted).toBeUndefined();
    // A manual failure keeps the schedule it had.
    expect(transition(states["pending, retrying"]!, events["manual 500"]!).state).toEqual({ status: "pending", nextAttemptAt: NOW + 5_000, attempts: 2 });
  });

  it("says when the endpoint is gone and what to report about the message", () => {
    expect(transition(states.sending!, events["scheduled 410"]!)).toMatchObject({ endpointGone: true });
    expect(transition(states.paused!, events["manual 410"]!)).toMatchObject({ endpointGone: true });
    expect(transition(states["sending, last try"]!, events["scheduled 500"]!).message).toBe("message.attempt.exhausted");
    expect(transition(states.sending!, events["scheduled 2xx"]!).message).toBe("message.attempt.recovered");
    expect(transition({ ...states.sending!, attempts: 0 }, events["scheduled 2xx"]!).message).toBeUndefined();
    const fourth = transition(
      { status: "sending", nextAttemptAt: NOW, attempts: 3 },
      { type: "attempted", trigger: "scheduled", outcome: failed, schedule: [1, 1, 1, 1, 1], now: NOW },
    );
    expect(fourth.message).toBe("message.attempt.failing");
    expect(transition(states.sending!, events["manual 500"]!).message).toBeUndefined();
  });
});
