import { describe, expect, it } from "vitest";
import { receivingAgainText, spokenDuration } from "./notice-text";

describe("spokenDuration", () => {
  it("says a lasting time to the precision that matters", () => {
    expect(spokenDuration(40_000)).toBe("40 s");
    expect(spokenDuration(12 * 60_000 + 59_000)).toBe("12 min");
    expect(spokenDuration(3 * 3600_000)).toBe("3 h");
    expect(spokenDuration(3 * 3600_000 + 20 * 60_000)).toBe("3 h 20 min");
    expect(spokenDuration(47 * 3600_000)).toBe("47 h");
    expect(spokenDuration(53 * 3600_000)).toBe("2 days 5 h");
    expect(spokenDuration(72 * 3600_000)).toBe("3 days");
    expect(spokenDuration(-5)).toBe("0 s");
  });
});

describe("receivingAgainText", () => {
  it("names the endpoint, its first success and how long it was disabled", () => {
    const disabledAt = Date.UTC(2026, 10, 30, 9, 0);
    const text = receivingAgainText({
      url: "https://example.com/hook",
      disabledAt,
      enabledAt: disabledAt + 3 * 3600_000,
      succeededAt: disabledAt + 3 * 3600_000 + 90_000,
    });
    expect(text.title).toBe("Endpoint receiving again: https://example.com/hook");
    expect(text.body).toBe(
      "https://example.com/hook is receiving again: first success at 2026-11-30 12:01 UTC, after being disabled for 3 h (enabled 1 min before).",
    );
  });
});
