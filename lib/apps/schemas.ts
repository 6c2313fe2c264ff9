import { z } from "zod";

// Shared by the API and the console's forms; Svix's field names and rules.
export const ZUid = z
  .string()
  .min(1, "must not be empty")
  .max(256, "must be at most 256 characters")
  .regex(/^[a-zA-Z0-9\-_.]+$/, "may only contain letters, digits, '-', '_' and '.'");

const utf8 = new TextEncoder();
/** Bytes of UTF-8: what a value costs to store. */
const utf8Length = (text: string) => utf8.encode(text).length;

/**
 * Bounds on a record of strings (metadata, custom headers), checked in a superRefine: how
 * many entries, how long a key, how many bytes of keys and values together. Whatever the
 * API accepts is stored, and copied (a custom header goes into every attempt row).
 */
export function boundRecord(bounds: { entries: string; keys: string; maxEntries: number; maxKeyLength: number; maxBytes: number }) {
  return (record: Record<string, string>, ctx: z.RefinementCtx) => {
    const keys = Object.keys(record);
    if (keys.length > bounds.maxEntries) ctx.addIssue({ code: "custom", message: `at most ${bounds.maxEntries} ${bounds.entries} (got ${keys.length})` });
    const long = keys.find((key) => key.length > bounds.maxKeyLength);
    if (long !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `${bounds.keys} must be at most ${bounds.maxKeyLength} characters ("${long.slice(0, 24)}…" has ${long.length})`,
      });
    }
    const bytes = keys.reduce((sum, key) => sum + utf8Length(key) + utf8Length(record[key]!), 0);
    if (bytes > bounds.maxBytes)
      ctx.addIssue({ code: "custom", message: `at most ${bounds.maxBytes} bytes of ${bounds.keys} and values together (got ${bytes})` });
  };
}

/** A JSON document stored as given (an event type's schemas, its example), at most `maxBytes` when serialized. */
export function boundJson(maxBytes: number) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    const bytes = utf8Length(JSON.stringify(value) ?? "");
    if (bytes > maxBytes) ctx.addIssue({ code: "custom", message: `must be at most ${maxBytes} bytes of JSON (got ${bytes})` });
  };
}

export const ZMetadata = z
  .record(z.string(), z.string())
  .superRefine(boundRecord({ entries: "keys", keys: "keys", maxEntries: 64, maxKeyLength: 256, maxBytes: 16 * 1024 }));
export const ZThrottleRate = z.number().int("must be a whole number").min(1, "must be at least 1 message per second").max(100_000);

export const ZApplicationIn = z.object({
  name: z.string().trim().min(1, "is required").max(256),
  uid: ZUid.nullish(),
  throttleRate: ZThrottleRate.nullish(),
  metadata: ZMetadata.optional(),
});
export type TApplicationIn = z.input<typeof ZApplicationIn>;
export type ApplicationIn = z.output<typeof ZApplicationIn>;

export const ZApplicationPatch = ZApplicationIn.partial();
export type TApplicationPatch = z.input<typeof ZApplicationPatch>;
export type ApplicationPatch = z.output<typeof ZApplicationPatch>;
