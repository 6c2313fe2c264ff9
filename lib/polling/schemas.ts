import { z } from "zod";
import { fromZodError, invalid } from "@/lib/errors";
import { ZEventTypeName } from "@/lib/endpoints/schemas";

// The poller API's inputs (Svix's messagePoller), shared by its routes.

/** A stream position as the API shows it: opaque to clients, a number to us. */
export const iteratorOf = (position: number) => `pos_${position}`;

export function positionOfIterator(iterator: string): number {
  const match = /^pos_(\d{1,12})$/.exec(iterator);
  if (!match) throw invalid(["query", "iterator"], "is not an iterator of this poller; pass back the `iterator` of a previous answer");
  return Number(match[1]);
}

const ZTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 time such as 2026-01-31T12:00:00Z" }).transform((v) => new Date(v));

const ZPollQuery = z.object({
  limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").default(50),
  iterator: z.string().max(64).optional(),
  event_type: ZEventTypeName.optional(),
  channel: z.string().min(1).max(128).optional(),
  after: ZTime.optional(),
});
export type PollQuery = z.output<typeof ZPollQuery>;

export function parsePollQuery(url: URL, allowed: readonly (keyof PollQuery)[]): PollQuery {
  const given = Object.fromEntries([...url.searchParams].filter(([key]) => (allowed as readonly string[]).includes(key)));
  const result = ZPollQuery.safeParse(given);
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}

export const ZConsumerId = z
  .string()
  .min(1, "must not be empty")
  .max(256, "must be at most 256 characters")
  .regex(/^[a-zA-Z0-9\-_.]+$/, "may only contain letters, digits, '-', '_' and '.'");

export const ZSeekIn = z.object({ after: ZTime });
export type SeekIn = z.output<typeof ZSeekIn>;

export const ZAckIn = z.object({ id: z.string().regex(/^msg_[0-9A-HJKMNP-TV-Z]{26}$/, "must be a message id (msg_…)") });
export type AckIn = z.output<typeof ZAckIn>;
