import { z } from "zod";
import { RETRY_PRESETS, ZRetrySchedule } from "@/lib/delivery/retry-schedule";
import { ZPortalSettings } from "@/lib/portal/schemas";

// Delivery settings of an organization or (overriding it) of one application. null = inherit.
export const ZDeliverySettings = z.object({
  retrySchedule: z
    .union([ZRetrySchedule, z.enum(Object.keys(RETRY_PRESETS) as [keyof typeof RETRY_PRESETS, ...(keyof typeof RETRY_PRESETS)[]])])
    .nullish()
    .transform((value) => (typeof value === "string" ? [...RETRY_PRESETS[value].schedule] : value)),
  disableWindowSeconds: z
    .number()
    .int("must be a whole number of seconds")
    .min(60, "must be at least 60 seconds")
    .max(30 * 24 * 3600, "must be at most 30 days")
    .nullish(),
  disableMinAttempts: z.number().int("must be a whole number").min(1, "must be at least 1").max(100_000, "must be at most 100000").nullish(),
  disableFailureRate: z.number().min(0.5, "must be between 0.5 and 1").max(1, "must be between 0.5 and 1").nullish(),
  disableMinDurationSeconds: z
    .number()
    .int("must be a whole number of seconds")
    .min(0, "must be 0 (at once) or more")
    .max(30 * 24 * 3600, "must be at most 30 days")
    .nullish(),
});
export type TDeliverySettings = z.input<typeof ZDeliverySettings>;

// The organization's settings add how long message payloads and attempt bodies are kept.
export const ZOrgSettings = ZDeliverySettings.extend({
  retentionDays: z.number().int("must be a whole number of days").min(1, "must be at least 1 day").max(3650, "must be at most 3650 days").nullish(),
});
export type TOrgSettings = z.input<typeof ZOrgSettings>;

// PATCH /api/console/settings: the organization's delivery settings and its customer portal's.
export const ZConsoleSettings = ZOrgSettings.extend({ portal: ZPortalSettings.optional() });
export type TConsoleSettings = z.input<typeof ZConsoleSettings>;
