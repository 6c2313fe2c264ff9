import { describe, expect, it } from "vitest";
import { draftLayer, settingsFormValues, type SettingsFormValues, ZSettingsForm } from "./settings-form";

const blank: SettingsFormValues = {
  schedule: "inherit",
  delays: "5, 300",
  disableWindowSeconds: "",
  disableMinDurationSeconds: "",
  disableMinAttempts: "",
  disableFailureRate: "",
  retentionDays: "",
};
const messages = (values: Partial<SettingsFormValues>) => {
  const result = ZSettingsForm.safeParse({ ...blank, ...values });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("the Settings form's schema", () => {
  it("turns the fields into the API's input, empty fields into null", () => {
    expect(
      ZSettingsForm.parse({
        ...blank,
        schedule: "slack",
        disableWindowSeconds: "3600",
        disableMinDurationSeconds: "0",
        disableMinAttempts: "10",
        disableFailureRate: "90",
        retentionDays: "14",
      }),
    ).toEqual({
      retrySchedule: "slack",
      disableWindowSeconds: 3600,
      disableMinDurationSeconds: 0,
      disableMinAttempts: 10,
      disableFailureRate: 0.9,
      retentionDays: 14,
    });
    expect(ZSettingsForm.parse(blank)).toEqual({
      retrySchedule: null,
      disableWindowSeconds: null,
      disableMinDurationSeconds: null,
      disableMinAttempts: null,
      disableFailureRate: null,
      retentionDays: null,
    });
    expect(ZSettingsForm.parse({ ...blank, schedule: "custom", delays: "5, 10 60" }).retrySchedule).toEqual([5, 10, 60]);
  });

  it("answers with the shared schema's messages under each field", () => {
    expect(messages({ retentionDays: "0" })).toEqual({ retentionDays: "must be at least 1 day" });
    expect(messages({ disableMinDurationSeconds: String(31 * 86400) })).toEqual({ disableMinDurationSeconds: "must be at most 30 days" });
    expect(messages({ schedule: "custom", delays: "5, 1.5" })).toEqual({ delays: "each delay must be a whole number of seconds" });
    expect(messages({ schedule: "custom", delays: "5, ten" })).toEqual({ delays: "delays are numbers of seconds separated by commas" });
    expect(messages({ disableMinAttempts: "many" })).toEqual({ disableMinAttempts: "must be a number" });
    // The rate is typed in percent; the shared bounds are said in percent.
    expect(messages({ disableFailureRate: "40" })).toEqual({ disableFailureRate: "must be between 50 and 100 %" });
  });

  it("ignores the delays unless custom delays are chosen", () => {
    expect(messages({ schedule: "standard", delays: "nonsense" })).toEqual({});
  });

  it("round-trips stored settings", () => {
    const stored = { retrySchedule: [60, 300], disableWindowSeconds: 3600, disableMinAttempts: null, disableFailureRate: 0.95, disableMinDurationSeconds: 900 };
    const values = settingsFormValues(stored, 14, [5]);
    expect(values).toEqual({
      schedule: "slack",
      delays: "60, 300",
      disableWindowSeconds: "3600",
      disableMinDurationSeconds: "900",
      disableMinAttempts: "",
      disableFailureRate: "95",
      retentionDays: "14",
    });
    expect(ZSettingsForm.parse(values)).toEqual({ ...stored, retrySchedule: "slack", retentionDays: 14 });
  });

  it("previews what is valid so far and leaves the rest to the layer below", () => {
    expect(draftLayer({ ...blank, schedule: "custom", delays: "5, x", disableMinAttempts: "0", disableFailureRate: "90" })).toEqual({
      retrySchedule: undefined,
      disableWindowSeconds: null,
      disableMinDurationSeconds: null,
      disableMinAttempts: null,
      disableFailureRate: 0.9,
    });
    expect(draftLayer({ ...blank, schedule: "none" }).retrySchedule).toEqual([]);
  });
});
