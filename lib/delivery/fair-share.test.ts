import { describe, expect, it } from "vitest";
import { type Candidate, InFlight, pickFairly } from "./fair-share";

let next = 0;
const due = (endpointId: string, orgId: string, count: number, cap = 8): Candidate[] =>
  Array.from({ length: count }, () => ({ id: `d${next++}`, endpointId, orgId, cap }));
const endpoints = (picked: Candidate[]) => picked.map((c) => c.endpointId);

describe("sharing a worker's slots", () => {
  it("takes no more of an endpoint than its cap allows beside what is in flight", () => {
    const inFlight = new InFlight(100);
    const slow = due("slow", "a", 20);
    inFlight.add(slow[0]!);
    inFlight.add(slow[1]!);
    const picked = pickFairly([...slow.slice(2), ...due("fast", "b", 3)], inFlight, 32);
    expect(endpoints(picked).filter((e) => e === "slow")).toHaveLength(6);
    expect(endpoints(picked).filter((e) => e === "fast")).toHaveLength(3);
  });

  it("takes organizations in turns, and each organization's endpoints in turns, oldest first", () => {
    // Organization a's backlog is older than b's message: still, b's goes in the first turn.
    const candidates = [...due("a1", "a", 3), ...due("a2", "a", 2), ...due("b1", "b", 1)];
    const picked = pickFairly(candidates, new InFlight(100), 4);
    expect(endpoints(picked)).toEqual(["a1", "b1", "a2", "a1"]);
  });

  it("gives an organization no more than its cap", () => {
    const inFlight = new InFlight(3);
    const busy = due("a1", "a", 2);
    busy.forEach((c) => inFlight.add(c));
    const picked = pickFairly([...due("a2", "a", 5), ...due("b1", "b", 5)], inFlight, 32);
    // a has room for one more; b, with nothing in flight, for three.
    expect(endpoints(picked)).toEqual(["a2", "b1", "b1", "b1"]);
  });

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
  });
});
