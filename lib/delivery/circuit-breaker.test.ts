import { describe, expect, it } from "vitest";
import { afterAttempts, backoffMs, inFlightCap, TIMEOUTS_TO_OPEN } from "./circuit-breaker";

const NOW = 1_000_000;
const closed = { timeoutStreak: 0, backoffUntil: null };
const times = (n: number, value = true) => Array<boolean>(n).fill(value);

describe("the circuit breaker", () => {
  it("counts timeouts in a row and opens at the threshold for 30 s", () => {
    expect(afterAttempts(closed, times(TIMEOUTS_TO_OPEN - 1), NOW)).toEqual({ timeoutStreak: TIMEOUTS_TO_OPEN - 1, backoffUntil: null });
    expect(afterAttempts({ timeoutStreak: 3, backoffUntil: null }, times(2), NOW)).toEqual({ timeoutStreak: 5, backoffUntil: NOW + 30_000 });
    // Eight timeouts at once open it as five would: the back-off starts from the threshold.
    expect(afterAttempts(closed, times(8), NOW)).toEqual({ timeoutStreak: 5, backoffUntil: NOW + 30_000 });
  });

  it("starts over after any answer, and an answer closes an open breaker", () => {
    expect(afterAttempts({ timeoutStreak: 4, backoffUntil: null }, [true, false, true], NOW)).toEqual({ timeoutStreak: 1, backoffUntil: null });
    expect(afterAttempts({ timeoutStreak: 5, backoffUntil: NOW + 10_000 }, [true, false], NOW)).toEqual({ timeoutStreak: 0, backoffUntil: null });
  });

  it("ignores timeouts of attempts sent before it opened", () => {
    const open = { timeoutStreak: 5, backoffUntil: NOW + 10_000 };
    expect(afterAttempts(open, times(3), NOW)).toBe(open);
  });

  it("doubles the wait after each failed probe, up to 15 minutes", () => {
    const halfOpen = { timeoutStreak: 5, backoffUntil: NOW - 1 };
    expect(afterAttempts(halfOpen, [true], NOW)).toEqual({ timeoutStreak: 6, backoffUntil: NOW + 60_000 });
    expect(backoffMs(7)).toBe(120_000);
    expect(backoffMs(40)).toBe(15 * 60_000);
    expect(afterAttempts(halfOpen, [false], NOW)).toEqual(closed);
  });

  it("lets one probe go while half-open, else the endpoint's limit or the default", () => {
    expect(inFlightCap({ timeoutStreak: 5, maxInFlight: 20 }, 8)).toBe(1);
    expect(inFlightCap({ timeoutStreak: 4, maxInFlight: 20 }, 8)).toBe(20);
    expect(inFlightCap({ timeoutStreak: 0, maxInFlight: null }, 8)).toBe(8);
  });
});
