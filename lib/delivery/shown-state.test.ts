import { describe, expect, it } from "vitest";
import { shownState } from "./shown-state";

describe("shownState", () => {
  it.each([
    ["succeeded", 1, "succeeded"],
    ["sending", 0, "sending"],
    ["sending", 3, "sending"],
    ["pending", 0, "pending"],
    ["pending", 1, "retrying"],
    ["paused", 2, "paused"],
    ["exhausted", 5, "failed"],
  ] as const)("%s after %i attempts is %s", (status, attempts, shown) => {
    expect(shownState(status, attempts)).toBe(shown);
  });
});
