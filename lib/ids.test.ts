import { describe, expect, it } from "vitest";
import { decodeTime } from "ulid";
import { idAtTime, isId, newId } from "./ids";

describe("newId", () => {
  it("prefixes ids by kind", () => {
    expect(newId("message")).toMatch(/^msg_[0-9A-Z]{26}$/);
    expect(newId("attempt")).toMatch(/^atmpt_/);
    expect(isId("app", newId("app"))).toBe(true);
    expect(isId("app", newId("endpoint"))).toBe(false);
  });

  it("sorts by creation time, also within one millisecond", () => {
    const ids = Array.from({ length: 1000 }, () => newId("message"));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });

  it("can date an id in the past (for seeding) and still sort it by that time", () => {
    newId("message");
    const time = Date.parse("2025-01-01T00:00:00Z");
    const old = newId("message", time);
    expect(decodeTime(old.slice(4))).toBe(time);
    expect(old < newId("message")).toBe(true);
  });

  it("turns a time window into an id range", () => {
    const before = Date.now() - 5;
    const id = newId("message");
    const after = Date.now() + 5;
    expect(idAtTime("message", before, "start") < id).toBe(true);
    expect(idAtTime("message", after, "end") > id).toBe(true);
    expect(idAtTime("message", after, "start") > id).toBe(true);
  });
});
