import { describe, expect, it } from "vitest";
import { type Candidate, InFlight } from "./fair-share";

let next = 0;
const due = (endpointId: string, orgId: string, count: number, cap = 8): Candidate[] =>
  Array.from({ length: count }, () => ({ id: `d${next++}`, endpointId, orgId, cap }));

describe("sharing a worker's slots", () => {
  it("says which endpoints a claim should skip: at their cap, or of an organization at its cap", () => {
    const inFlight = new InFlight(4);
    due("probe", "a", 1, 1).forEach((c) => inFlight.add(c));
    due("half", "b", 2).forEach((c) => inFlight.add(c));
    expect(inFlight.full().sort()).toEqual(["probe"]);
    due("other", "b", 2).forEach((c) => inFlight.add(c));
    expect(inFlight.full().sort()).toEqual(["half", "other", "probe"]);
    inFlight.remove({ endpointId: "other", orgId: "b" });
    expect(inFlight.full().sort()).toEqual(["probe"]);
    inFlight.remove({ endpointId: "probe", orgId: "a" });
    expect(inFlight.endpoint("probe")).toBe(0);
    expect(inFlight.full()).toEqual([]);
    expect(inFlight.endpoints()).toEqual({ half: 2, other: 1 });
    expect(inFlight.orgs()).toEqual({ b: 3 });
  });

  it("skips endpoints waiting for their next throttle window, whatever their count", () => {
    const waiting = new Set(["throttled"]);
    const inFlight = new InFlight(4, () => waiting);
    due("throttled", "a", 1).forEach((c) => inFlight.add(c));
    expect(inFlight.full()).toEqual(["throttled"]);
    waiting.clear();
    expect(inFlight.full()).toEqual([]);
  });
});
