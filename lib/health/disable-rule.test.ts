import { describe, expect, it } from "vitest";
import { describeDisableRule, evaluateEndpointHealth } from "./disable-rule";

const rule = { minAttempts: 20, disableRate: 0.95, warnRate: 0.5 };
const health = (attempts: number, failures: number) => evaluateEndpointHealth({ attempts, failures, ...rule });

describe("evaluateEndpointHealth", () => {
  it("does not disable at 90 % failures when the threshold is 95 %", () => {
    expect(health(100, 90)).toBe("failing");
    expect(health(20, 18)).toBe("failing");
  });

  it("disables at 96 %", () => {
    expect(health(100, 96)).toBe("disable");
    expect(health(25, 24)).toBe("disable");
  });

  it("disables at exactly 95 %", () => {
    expect(health(20, 19)).toBe("disable");
    expect(health(100, 95)).toBe("disable");
    expect(health(1000, 950)).toBe("disable");
    expect(health(1000, 949)).toBe("failing");
  });

  it("never disables below the minimum number of attempts", () => {
    expect(health(19, 19)).toBe("healthy");
    expect(health(1, 1)).toBe("healthy");
    expect(health(0, 0)).toBe("healthy");
    expect(health(20, 20)).toBe("disable");
  });

  it("reports failing from the warning rate up to the disable rate", () => {
    expect(health(100, 49)).toBe("healthy");
    expect(health(100, 50)).toBe("failing");
    expect(health(100, 94)).toBe("failing");
    expect(health(100, 0)).toBe("healthy");
  });

  it("is exact at awkward decimal shares", () => {
    // 0.57 * 100 is 56.99999999999999 in floating point; 57 / 100 is 0.57.
    const odd = { minAttempts: 1, warnRate: 0.1 };
    expect(evaluateEndpointHealth({ ...odd, attempts: 100, failures: 57, disableRate: 0.57 })).toBe("disable");
    expect(evaluateEndpointHealth({ ...odd, attempts: 100, failures: 56, disableRate: 0.57 })).toBe("failing");
    const third = { attempts: 3, failures: 1, minAttempts: 1, disableRate: 0.9, warnRate: 1 / 3 };
    expect(evaluateEndpointHealth(third)).toBe("failing");
  });

  it("works with a minimum of zero attempts", () => {
    expect(evaluateEndpointHealth({ attempts: 0, failures: 0, minAttempts: 0, disableRate: 0.95, warnRate: 0.5 })).toBe("healthy");
    expect(evaluateEndpointHealth({ attempts: 1, failures: 1, minAttempts: 0, disableRate: 0.95, warnRate: 0.5 })).toBe("disable");
  });
});

describe("describeDisableRule", () => {
  it("states the rule in plain language", () => {
    expect(describeDisableRule({ windowSeconds: 86_400, minAttempts: 20, disableRate: 0.95 })).toBe(
      "an endpoint is disabled after 95 % of at least 20 attempts fail within 24 hours",
    );
  });

  it("formats other windows, rates and counts", () => {
    expect(describeDisableRule({ windowSeconds: 7 * 86_400, minAttempts: 1, disableRate: 1 })).toBe(
      "an endpoint is disabled after 100 % of at least 1 attempt fail within 7 days",
    );
    expect(describeDisableRule({ windowSeconds: 3_600, minAttempts: 5, disableRate: 0.999 })).toBe(
      "an endpoint is disabled after 99.9 % of at least 5 attempts fail within 1 hour",
    );
    expect(describeDisableRule({ windowSeconds: 5_400, minAttempts: 10, disableRate: 0.5 })).toBe(
      "an endpoint is disabled after 50 % of at least 10 attempts fail within 90 minutes",
    );
    expect(describeDisableRule({ windowSeconds: 90, minAttempts: 10, disableRate: 0.333 })).toBe(
      "an endpoint is disabled after 33.3 % of at least 10 attempts fail within 90 seconds",
    );
    const rule36h = { windowSeconds: 129_600, minAttempts: 10, disableRate: 0.9 };
    expect(describeDisableRule(rule36h)).toMatch(/within 36 hours$/);
  });
});
