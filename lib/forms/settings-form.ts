import { z } from "zod";
import { RETRY_PRESETS, type RetryPresetName, ZRetrySchedule } from "@/lib/delivery/retry-schedule";
import type { SettingsLayer } from "@/lib/settings/resolve-settings";
import { type TOrgSettings, ZOrgSettings } from "@/lib/settings/schemas";

// The Settings page's fields hold what their inputs show: a schedule choice, delays typed
// as "5, 300, 1800", a percent, empty text for "as the layer below". This schema only
// turns that text into the API's input; every rule, and its message, is the shared
// ZOrgSettings' (or ZRetrySchedule's) own.

const PRESETS = Object.keys(RETRY_PRESETS) as RetryPresetName[];
export type ScheduleChoice = "inherit" | RetryPresetName | "custom";

const shared = ZOrgSettings.shape;

/** Checks a converted value with a shared schema; its first message goes under the field. */
function check<S extends z.ZodType>(schema: S, value: unknown, ctx: z.RefinementCtx, message?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  ctx.addIssue({ code: "custom", message: message ?? result.error.issues[0]!.message });
  return z.NEVER;
}

/** Text that is empty (null: as the layer below) or a number (÷ scale), which the shared schema checks. */
const numberField = <S extends z.ZodType>(schema: S, { scale = 1, message }: { scale?: number; message?: string } = {}) =>
  z.string().transform((text, ctx) => {
    const value = text.trim() === "" ? null : Number(text) / scale;
    if (Number.isNaN(value)) {
      ctx.addIssue({ code: "custom", message: "must be a number" });
      return z.NEVER;
    }
    return check(schema, value, ctx, message);
  });

// The rate is typed as a percent: the shared bounds (0.5 to 1), said in percent.
const rate = shared.disableFailureRate.unwrap().unwrap();
const percentField = numberField(shared.disableFailureRate, { scale: 100, message: `must be between ${rate.minValue! * 100} and ${rate.maxValue! * 100} %` });

/** "5, 300, 1800" → [5, 300, 1800], checked by the shared ZRetrySchedule. */
const delaysField = z.string().transform((text, ctx) => {
  const delays = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (delays.some(Number.isNaN)) {
    ctx.addIssue({ code: "custom", message: "delays are numbers of seconds separated by commas" });
    return z.NEVER;
  }
  return check(ZRetrySchedule, delays, ctx);
});

const fields = z.object({
  schedule: z.enum(["inherit", ...PRESETS, "custom"]),
  delays: z.string(),
  disableWindowSeconds: numberField(shared.disableWindowSeconds),
  disableMinDurationSeconds: numberField(shared.disableMinDurationSeconds),
  disableMinAttempts: numberField(shared.disableMinAttempts),
  disableFailureRate: percentField,
  retentionDays: numberField(shared.retentionDays),
});
export type SettingsFormValues = z.input<typeof fields>;

/** The form's values → the PATCH body of the organization's settings (an application's omits retentionDays). */
export const ZSettingsForm = fields.transform(({ schedule, delays, ...rest }, ctx): TOrgSettings => {
  // The delays count only when "Custom delays…" is chosen.
  const retrySchedule = schedule === "custom" ? delaysField.safeParse(delays) : { success: true as const, data: schedule === "inherit" ? null : schedule };
  if (!retrySchedule.success) {
    ctx.addIssue({ code: "custom", path: ["delays"], message: retrySchedule.error.issues[0]!.message });
    return z.NEVER;
  }
  return { retrySchedule: retrySchedule.data, ...rest };
});

const presetOf = (schedule: readonly number[] | null): ScheduleChoice =>
  schedule === null ? "inherit" : (PRESETS.find((name) => RETRY_PRESETS[name].schedule.join(",") === schedule.join(",")) ?? "custom");

/** 0.95 → "95" */
export const percentText = (rate: number) => String(Math.round(rate * 1000) / 10);

const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/** A scope's stored settings as the form shows them; the custom delays start from the schedule in force. */
export function settingsFormValues(
  own: SettingsLayer & { retrySchedule: number[] | null },
  retentionDays: number | null,
  inheritedSchedule: readonly number[],
): SettingsFormValues {
  return {
    schedule: presetOf(own.retrySchedule),
    delays: (own.retrySchedule ?? inheritedSchedule).join(", "),
    disableWindowSeconds: text(own.disableWindowSeconds),
    disableMinDurationSeconds: text(own.disableMinDurationSeconds),
    disableMinAttempts: text(own.disableMinAttempts),
    disableFailureRate: own.disableFailureRate === null || own.disableFailureRate === undefined ? "" : percentText(own.disableFailureRate),
    retentionDays: text(retentionDays),
  };
}

/**
 * What the form says so far, for the previews: each field that is empty or not valid
 * (yet) counts as "as the layer below". Custom delays that are not valid give no schedule.
 */
export function draftLayer(values: SettingsFormValues): SettingsLayer & { retrySchedule: number[] | null | undefined } {
  const value = <K extends Exclude<keyof typeof fields.shape, "schedule" | "delays">>(name: K) => {
    const result = fields.shape[name].safeParse(values[name]);
    return result.success ? result.data : null;
  };
  const { schedule } = values;
  const delays = schedule === "custom" ? delaysField.safeParse(values.delays) : null;
  return {
    retrySchedule: schedule === "inherit" ? null : schedule === "custom" ? (delays?.success ? delays.data : undefined) : [...RETRY_PRESETS[schedule].schedule],
    disableWindowSeconds: value("disableWindowSeconds"),
    disableMinDurationSeconds: value("disableMinDurationSeconds"),
    disableMinAttempts: value("disableMinAttempts"),
    disableFailureRate: value("disableFailureRate"),
  };
}
