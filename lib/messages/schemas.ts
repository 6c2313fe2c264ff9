import { z } from "zod";
import { ZEventTypeName } from "@/lib/endpoints/schemas";

// MessageIn and the list filters as in the Svix API.

const ZChannel = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9\-_.:]+$/, "may only contain letters, digits, '-', '_', '.' and ':'");

export const ZIsoTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 time such as 2026-01-31T12:00:00Z" }).transform((v) => new Date(v));

/** How far ahead a message may be scheduled. */
export const MAX_SCHEDULE_DAYS = 90;

export const ZMessageIn = z.object({
  eventType: ZEventTypeName,
  payload: z.custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null && !Array.isArray(value), {
    message: "must be a JSON object",
  }),
  eventId: z.string().min(1, "must not be empty").max(256, "must be at most 256 characters").nullish(),
  channels: z.array(ZChannel).max(10, "at most 10 channels").nullish(),
  tags: z.array(z.string().min(1).max(128)).max(10, "at most 10 tags").nullish(),
  // Svix's: deliver no earlier than this (a time already past means now).
  deliverAt: ZIsoTime.refine((at) => at.getTime() <= Date.now() + MAX_SCHEDULE_DAYS * 86_400_000, {
    message: `must be at most ${MAX_SCHEDULE_DAYS} days ahead`,
  }).nullish(),
});
export type TMessageIn = z.input<typeof ZMessageIn>;
export type MessageIn = z.output<typeof ZMessageIn>;

/** The most messages one batch may carry. */
export const MAX_BATCH_MESSAGES = 500;

// A batch: its shape is checked as a whole; each message is checked on its own (ZMessageIn)
// and fails alone.
export const ZMessageBatchIn = z.object({
  messages: z.array(z.unknown()).min(1, "must hold at least one message").max(MAX_BATCH_MESSAGES, `at most ${MAX_BATCH_MESSAGES} messages in one batch`),
});

export const ZMessageListQuery = z.object({
  eventTypes: z.array(ZEventTypeName).max(100).optional(),
  channel: ZChannel.optional(),
  before: ZIsoTime.optional(),
  after: ZIsoTime.optional(),
  withContent: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
});
export type MessageListQuery = z.output<typeof ZMessageListQuery>;
