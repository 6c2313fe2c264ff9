import { describe, expect, it } from "vitest";
import { percentile, sampleQuotas } from "./percentiles";

describe("percentile", () => {
  it("is the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe("sampleQuotas", () => {
  it("shares the sample in proportion, at least one each, never more than a group has", () => {
    expect(
      sampleQuotas(
        [
          { id: "a", count: 9000 },
          { id: "b", count: 1000 },
          { id: "c", count: 1 },
        ],
        2000,
      ),
    ).toEqual([
      { id: "a", take: 1800 },
      { id: "b", take: 200 },
      { id: "c", take: 1 },
    ]);
    expect(sampleQuotas([{ id: "a", count: 5 }], 2000)).toEqual([{ id: "a", take: 5 }]);
    expect(sampleQuotas([], 2000)).toEqual([]);
  });
});
