import { describe, expect, it } from "vitest";
import { resolveSettings } from "./resolve-settings";

const install = {
  retrySchedule: [5, 300],
  disableWindowSeconds: 86_400,
  disableMinAttempts: 20,
  disableFailureRate: 0.95,
  disableMinDurationSeconds: 3600,
  failingRate: 0.5,
};
const rule = { windowSeconds: 86_400, minAttempts: 20, disableRate: 0.95, warnRate: 0.5, minDurationSeconds: 3600 };

describe("resolveSettings", () => {
  it("takes the installation's settings when no layer sets anything", () => {
    expect(resolveSettings([null, {}], install)).toEqual({ retrySchedule: [5, 300], rule });
  });

  it("lets the organization override the installation and the application the organization, field by field", () => {
    const org = { disableWindowSeconds: 3600, disableFailureRate: 0.9, disableMinDurationSeconds: 0, retrySchedule: [1, 2, 3] };
    const app = { disableWindowSeconds: null, disableMinAttempts: 50, retrySchedule: null };
    expect(resolveSettings([null, org], install)).toEqual({
      retrySchedule: [1, 2, 3],
      rule: { ...rule, windowSeconds: 3600, disableRate: 0.9, minDurationSeconds: 0 },
    });
    expect(resolveSettings([app, org], install)).toEqual({
      retrySchedule: [1, 2, 3],
      rule: { ...rule, windowSeconds: 3600, minAttempts: 50, disableRate: 0.9, minDurationSeconds: 0 },
    });
    expect(resolveSettings([{ retrySchedule: [] }, org], install).retrySchedule).toEqual([]);
  });

  it("ignores a stored schedule that is not one, and never warns above the disable threshold", () => {
    expect(resolveSettings([{ retrySchedule: "garbage" }, { retrySchedule: [7] }], install).retrySchedule).toEqual([7]);
    expect(resolveSettings([{ disableFailureRate: 0.6 }], { ...install, failingRate: 0.8 }).rule.warnRate).toBe(0.6);
  });
});
