import { z } from "zod";
import { ZEventTypeName } from "@/lib/endpoints/schemas";
import { fromZodError } from "@/lib/errors";
import { ZIsoTime } from "@/lib/messages/schemas";
import { listParam } from "@/lib/http/list-param";

// The attempt-list filters of the Svix API (MessageStatus, StatusCodeClass, …) as query parameters.

export const MESSAGE_STATUS = { success: 0, pending: 1, fail: 2, sending: 3, canceled: 4 } as const;
export type MessageStatusText = keyof typeof MESSAGE_STATUS;

const ZBool = z.enum(["true", "false"], { message: 'must be "true" or "false"' }).transform((v) => v === "true");

export const ZAttemptListQuery = z
  .object({
    status: z.coerce
      .number()
      .pipe(
        z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
          message: "must be 0 (success), 1 (pending), 2 (fail), 3 (sending) or 4 (canceled)",
        }),
      )
      .optional(),
    statusCodeClass: z.coerce
      .number()
      .pipe(
        z.union(
          [0, 100, 200, 300, 400, 500].map((n) => z.literal(n)),
          { message: "must be 0, 100, 200, 300, 400 or 500" },
        ),
      )
      .optional(),
    eventTypes: z.array(ZEventTypeName).max(100, "at most 100 event types").optional(),
    endpointId: z.string().min(1).max(256).optional(),
    before: ZIsoTime.optional(),
    after: ZIsoTime.optional(),
    withContent: ZBool.default(true),
    withMsg: ZBool.default(false),
  })
  .refine((q) => !(q.before instanceof Date) || !(q.after instanceof Date) || q.after < q.before, { message: "must be earlier than before", path: ["after"] });
export type AttemptListQuery = z.output<typeof ZAttemptListQuery>;

export function parseAttemptListQuery(url: URL): AttemptListQuery {
  const q = url.searchParams;
  const result = ZAttemptListQuery.safeParse({
    status: q.get("status") ?? undefined,
    statusCodeClass: q.get("status_code_class") ?? undefined,
    eventTypes: listParam(url, "event_types"),
    endpointId: q.get("endpoint_id") ?? undefined,
    before: q.get("before") ?? undefined,
    after: q.get("after") ?? undefined,
    withContent: q.get("with_content") ?? undefined,
    withMsg: q.get("with_msg") ?? undefined,
  });
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}
