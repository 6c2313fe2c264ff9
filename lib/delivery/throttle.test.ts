import { describe, expect, it } from "vitest";
import { spreadTurns } from "./throttle";

describe("spreadTurns", () => {
  it("spreads the deliveries that got no token over the next window, in order", () => {
    expect(spreadTurns(4, 5000, 0)).toEqual([5000, 5250, 5500, 5750]);
    expect(spreadTurns(4, 5000, 0.5)).toEqual([5125, 5375, 5625, 5875]);
    expect(spreadTurns(1, 5000, 0.99)).toEqual([5990]);
    expect(spreadTurns(0, 5000, 0.5)).toEqual([]);
  });

  it("never sets a turn inside the window that ran out, nor past the next one", () => {
    for (const phase of [0, 0.3, 0.999]) {
      for (const turn of spreadTurns(37, 9000, phase)) {
        expect(turn).toBeGreaterThanOrEqual(9000);
        expect(turn).toBeLessThan(10_000);
      }
    }
  });
});
