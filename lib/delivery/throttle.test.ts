import { describe, expect, it } from "vitest";
import { planThrottle } from "./throttle";

describe("planThrottle", () => {
  it("sends a second's worth now and spreads the rest at the rate", () => {
    const bucket = { tokens: 5, at: 0 };
    const plan = planThrottle([1, 2, 3, 4, 5, 6, 7, 8], 5, bucket, 0);
    expect(plan.send).toEqual([1, 2, 3, 4, 5]);
    expect(plan.defer.map((d) => d.at)).toEqual([200, 400, 600]);
    expect(bucket.tokens).toBe(0);
  });

  it("refills with time, never beyond one second's worth", () => {
    const bucket = { tokens: 0, at: 0 };
    expect(planThrottle([1, 2, 3], 2, bucket, 500).send).toEqual([1]);
    expect(planThrottle([1, 2, 3, 4], 2, bucket, 10_500).send).toEqual([1, 2]);
  });

  it("defers everything while the bucket is empty", () => {
    const bucket = { tokens: 0, at: 1000 };
    const plan = planThrottle(["a", "b"], 1, bucket, 1000);
    expect(plan.send).toEqual([]);
    expect(plan.defer.map((d) => d.at)).toEqual([2000, 3000]);
  });
});
