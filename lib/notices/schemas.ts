import { z } from "zod";

export const NOTICE_KINDS = ["endpoint.disabled", "endpoint.failing", "endpoint.recovered", "message.attempt.exhausted"] as const;

export const ZNoticeQuery = z.object({
  kind: z.enum(NOTICE_KINDS, { message: `must be one of ${NOTICE_KINDS.join(", ")}` }).optional(),
  unread: z
    .enum(["true", "false"], { message: "must be true or false" })
    .transform((v) => v === "true")
    .optional(),
  endpointId: z.string().max(100).optional(),
  appId: z.string().max(100).optional(),
});
