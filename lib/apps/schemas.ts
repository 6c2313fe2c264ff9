import { z } from "zod";

// Shared by the API and the console's forms; Svix's field names and rules.
export const ZUid = z
  .string()
  .min(1, "must not be empty")
  .max(256, "must be at most 256 characters")
  .regex(/^[a-zA-Z0-9\-_.]+$/, "may only contain letters, digits, '-', '_' and '.'");
export const ZMetadata = z.record(z.string(), z.string());
export const ZThrottleRate = z.number().int("must be a whole number").min(1, "must be at least 1 message per second").max(100_000);

export const ZApplicationIn = z.object({
  name: z.string().trim().min(1, "is required").max(256),
  uid: ZUid.nullish(),
  throttleRate: ZThrottleRate.nullish(),
  metadata: ZMetadata.optional(),
});
export type TApplicationIn = z.input<typeof ZApplicationIn>;

export const ZApplicationPatch = ZApplicationIn.partial();
export type TApplicationPatch = z.input<typeof ZApplicationPatch>;
