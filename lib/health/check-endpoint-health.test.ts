import { describe, expect, it } from "vitest";
import { ruleFor } from "./check-endpoint-health";

const unset = { disableWindowSeconds: null, disableMinAttempts: null, disableFailureRate: null };
const install = { windowSeconds: 86_400, minAttempts: 20, disableRate: 0.95, warnRate: 0.5 };

describe("ruleFor", () => {
  it("takes the install's rule when neither the organization nor the application sets anything", () => {
    expect(ruleFor(unset, unset, install)).toEqual(install);
  });

  it("lets the organization override the install and the application override the organization, field by field", () => {
    const org = { disableWindowSeconds: 3600, disableMinAttempts: null, disableFailureRate: 0.9 };
    const app = { disableWindowSeconds: null, disableMinAttempts: 50, disableFailureRate: null };
    expect(ruleFor(unset, org, install)).toEqual({ windowSeconds: 3600, minAttempts: 20, disableRate: 0.9, warnRate: 0.5 });
    expect(ruleFor(app, org, install)).toEqual({ windowSeconds: 3600, minAttempts: 50, disableRate: 0.9, warnRate: 0.5 });
  });

  it("never warns above the disable threshold", () => {
    expect(ruleFor({ ...unset, disableFailureRate: 0.6 }, unset, { ...install, warnRate: 0.8 }).warnRate).toBe(0.6);
  });
});
