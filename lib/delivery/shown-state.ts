import type { DeliveryStatus } from "./delivery-state";

// What a person is shown of a delivery's state: the same states in the message log, on a
// message's page and in an endpoint's counters. The stored status says where the engine is;
// this says what it means to the reader. A pending delivery tried already is retrying (it
// failed and waits for its next try), one never tried is pending; an exhausted one failed
// (it gave up); a paused one waits for its endpoint to be enabled and recovered.
export const SHOWN_STATES = ["succeeded", "sending", "retrying", "pending", "paused", "failed"] as const;
export type ShownState = (typeof SHOWN_STATES)[number];

export function shownState(status: DeliveryStatus, attempts: number): ShownState {
  switch (status) {
    case "succeeded":
      return "succeeded";
    case "sending":
      return "sending";
    case "pending":
      return attempts > 0 ? "retrying" : "pending";
    case "paused":
      return "paused";
    case "exhausted":
      return "failed";
  }
}
