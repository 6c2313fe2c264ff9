import { describe, expect, it } from "vitest";
import { endpointReceives, routeMessage } from "./route-message";

const ep = (filterTypes: string[] | null = null, channels: string[] | null = null, disabled = false) => ({ filterTypes, channels, disabled });

describe("endpointReceives", () => {
  it("sends every type to an endpoint without filters", () => {
    expect(endpointReceives(ep(), { eventType: "user.created" })).toBe(true);
    expect(endpointReceives(ep(), { eventType: "user.created", channels: ["eu"] })).toBe(true);
  });

  it("honours the event-type filter", () => {
    expect(endpointReceives(ep(["user.created"]), { eventType: "user.created" })).toBe(true);
    expect(endpointReceives(ep(["user.created"]), { eventType: "user.deleted" })).toBe(false);
    expect(endpointReceives(ep([]), { eventType: "user.created" })).toBe(false);
  });

  it("sends a message to channel-filtered endpoints only when a channel is shared", () => {
    expect(endpointReceives(ep(null, ["eu", "us"]), { eventType: "a", channels: ["us"] })).toBe(true);
    expect(endpointReceives(ep(null, ["eu"]), { eventType: "a", channels: ["us", "asia"] })).toBe(false);
    expect(endpointReceives(ep(null, ["eu"]), { eventType: "a" })).toBe(false);
    expect(endpointReceives(ep(null, ["eu"]), { eventType: "a", channels: [] })).toBe(false);
  });

  it("needs both filters to match", () => {
    expect(endpointReceives(ep(["a"], ["eu"]), { eventType: "a", channels: ["eu"] })).toBe(true);
    expect(endpointReceives(ep(["b"], ["eu"]), { eventType: "a", channels: ["eu"] })).toBe(false);
    expect(endpointReceives(ep(["a"], ["us"]), { eventType: "a", channels: ["eu"] })).toBe(false);
  });

  it("never sends to a disabled endpoint", () => {
    expect(endpointReceives(ep(null, null, true), { eventType: "a" })).toBe(false);
  });
});

describe("routeMessage", () => {
  it("keeps the matching endpoints in order", () => {
    const endpoints = [
      { id: 1, ...ep() },
      { id: 2, ...ep(["b"]) },
      { id: 3, ...ep(null, ["eu"]) },
      { id: 4, ...ep(["a"], null, true) },
    ];
    expect(routeMessage(endpoints, { eventType: "a", channels: ["eu"] }).map((e) => e.id)).toEqual([1, 3]);
    expect(routeMessage(endpoints, { eventType: "b" }).map((e) => e.id)).toEqual([1, 2]);
  });
});
