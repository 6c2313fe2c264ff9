import { z } from "zod";
import { fromZodError } from "@/lib/errors";
import { boundRecord, ZMetadata, ZThrottleRate, ZUid } from "@/lib/apps/schemas";
import { RESERVED_HEADERS } from "./header-names";

// Shared by the API and the console's endpoint form.

export const ZEventTypeName = z
  .string()
  .min(1, "must not be empty")
  .max(256, "must be at most 256 characters")
  .regex(/^[a-zA-Z0-9\-_.]+$/, "may only contain letters, digits, '-', '_' and '.'");

const ZChannel = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9\-_.:]+$/, "may only contain letters, digits, '-', '_', '.' and ':'");

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What an HTTP header value may carry (RFC 9110): tab, space, visible ASCII and obs-text.
// Anything else (CR and LF above all) would make every attempt fail, or split the request.
const NOT_IN_HEADER_VALUE = /[^\t\x20-\x7E\x80-\xFF]/u;
const CHARACTER_NAMES: Record<number, string> = { 0: "a NUL character", 10: "a line feed (LF)", 13: "a carriage return (CR)" };

function describeCharacter(character: string): string {
  const code = character.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (CHARACTER_NAMES[code]) return `${CHARACTER_NAMES[code]}, ${hex}`;
  return code < 0x20 || code === 0x7f ? `the control character ${hex}` : `"${character}" (${hex})`;
}

export const ZHeaders = z
  .record(z.string(), z.string().max(4096, "must be at most 4096 characters"))
  .superRefine(boundRecord({ entries: "headers", keys: "header names", maxEntries: 64, maxKeyLength: 256, maxBytes: 16 * 1024 }))
  .superRefine((headers, ctx) => {
    const seen = new Set<string>();
    for (const [name, value] of Object.entries(headers)) {
      const issue = (message: string) => ctx.addIssue({ code: "custom", path: [name], message });
      const lower = name.toLowerCase();
      if (!HEADER_NAME.test(name)) issue(`"${name.slice(0, 64)}" is not a valid header name`);
      else if (RESERVED_HEADERS.has(lower)) issue(`"${name}" is set by Pigeon and cannot be overridden`);
      else if (seen.has(lower)) issue(`"${name}" is given twice (header names are case-insensitive)`);
      seen.add(lower);
      const bad = NOT_IN_HEADER_VALUE.exec(value);
      if (bad) issue(`value contains ${describeCharacter(bad[0])}, which an HTTP header value cannot carry`);
    }
  });

const fields = {
  // Required for a webhook endpoint, absent for a polling one (checked with the type).
  url: z.string().trim().max(2048, "must be at most 2048 characters"),
  description: z.string().max(1024).default(""),
  uid: ZUid.nullish(),
  throttleRate: ZThrottleRate.nullish(),
  // Pigeon's: attempts a worker sends to this endpoint at once (null: the installation's default).
  maxInFlight: z.number().int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").nullish(),
  // Pigeon's, against noise (lib/delivery/batches.ts, fifo.ts): several messages in one POST; one at a time in order.
  batch: z
    .object({
      maxSize: z.number().int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000"),
      maxWaitMs: z.number().int("must be a whole number").min(0, "must not be negative").max(300_000, "must be at most 300000 (5 minutes)").default(2000),
    })
    .nullish(),
  ordering: z.enum(["unordered", "fifo"], { error: 'must be "unordered" or "fifo"' }).optional(),
  fifoOnExhausted: z.enum(["skip", "halt"], { error: 'must be "skip" or "halt"' }).optional(),
  disabled: z.boolean().default(false),
  eventTypes: z.array(ZEventTypeName).max(1000).nullish(),
  channels: z.array(ZChannel).max(10, "at most 10 channels").nullish(),
  metadata: ZMetadata.optional(),
};

export const ZEndpointType = z.enum(["webhook", "polling"], { error: 'must be "webhook" or "polling"' });

export const ZEndpointIn = z
  .object({
    ...fields,
    url: fields.url.default(""),
    // Pigeon's: a polling endpoint is read by its consumers (poller API, SSE, WebSocket) instead of POSTed to.
    type: ZEndpointType.default("webhook"),
    secret: z.string().max(256, "must be at most 256 characters").nullish(),
    headers: ZHeaders.nullish(),
  })
  .superRefine((data, ctx) => {
    if (data.type === "webhook" && !data.url) ctx.addIssue({ code: "custom", path: ["url"], message: "is required" });
    if (data.type === "polling" && data.url)
      ctx.addIssue({ code: "custom", path: ["url"], message: "must be left out: a polling endpoint is read by its consumers, not sent to" });
    if (data.type === "polling") for (const issue of pollingConflicts(data)) ctx.addIssue({ code: "custom", ...issue });
  });

/** Options that only a webhook endpoint has: a polling endpoint's consumers read one ordered stream at their own pace. */
export function pollingConflicts(data: { batch?: unknown; ordering?: string }): { path: string[]; message: string }[] {
  const issues = [];
  if (data.batch) issues.push({ path: ["batch"], message: "must be left out: a polling endpoint's consumers choose how many messages to read at once" });
  if (data.ordering === "fifo") issues.push({ path: ["ordering"], message: "must be left out: a polling endpoint is always read in order" });
  return issues;
}
export type TEndpointIn = z.input<typeof ZEndpointIn>;
/** What the domain functions take: the route's parse of the request (schemas parse once, in the route). */
export type EndpointIn = z.output<typeof ZEndpointIn>;

export const ZEndpointUpsert = z.object(fields);
export type TEndpointUpsert = z.input<typeof ZEndpointUpsert>;
export type EndpointUpsert = z.output<typeof ZEndpointUpsert>;

// No defaults on PATCH: a field left out must stay as it is (a default would reset
// `description` and re-enable a disabled endpoint on every partial update).
export const ZEndpointPatch = z.object({ ...fields, description: z.string().max(1024), disabled: z.boolean() }).partial();
export type TEndpointPatch = z.input<typeof ZEndpointPatch>;
export type EndpointPatch = z.output<typeof ZEndpointPatch>;

export const ZSecretRotateIn = z.object({
  key: z.string().max(256, "must be at most 256 characters").nullish(),
  gracePeriodSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600, "must be at most 7 days")
    .nullish(),
});
export type TSecretRotateIn = z.input<typeof ZSecretRotateIn>;
export type SecretRotateIn = z.output<typeof ZSecretRotateIn>;

export const ZHeadersIn = z.object({ headers: ZHeaders });
export const ZHeadersPatchIn = z.object({
  headers: ZHeaders,
  deleteHeaders: z
    .array(z.string().max(256, "must be at most 256 characters"))
    .max(64, { error: (issue) => `at most 64 header names (got ${(issue.input as unknown[]).length})` })
    .optional(),
});
export type HeadersChange = { mode: "replace"; headers: Record<string, string> } | ({ mode: "patch" } & z.output<typeof ZHeadersPatchIn>);

// zod still runs an object's refinements when a field failed, so they check what they got.
const isDate = (value: unknown): value is Date => value instanceof Date;

const ZTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 time such as 2026-01-31T12:00:00Z" }).transform((v) => new Date(v));

/** A time window given as `since`/`until` (recover, stats). */
export const ZTimeWindow = z
  .object({ since: ZTime.optional(), until: ZTime.nullish() })
  .refine((w) => !isDate(w.since) || !isDate(w.until) || w.until >= w.since, { message: "must not be earlier than since", path: ["until"] });

export const ZRecoverIn = z
  .object({ since: ZTime, until: ZTime.nullish() })
  .refine((w) => !isDate(w.since) || w.since.getTime() <= Date.now(), { message: "must not be in the future", path: ["since"] })
  .refine((w) => !isDate(w.since) || !isDate(w.until) || w.until >= w.since, { message: "must not be earlier than since", path: ["until"] });
export type TRecoverIn = z.input<typeof ZRecoverIn>;

/** Dismissing the recover offer takes nothing: an empty body or `{}`. */
export const ZRecoverOfferDismissIn = z.object({});
export const RECOVER_OFFER_DISMISS_BODY_LIMIT = 1024;
export type RecoverIn = z.output<typeof ZRecoverIn>;

/** `since`/`until` from a query string; a bad value is a 422 naming the parameter. */
export function parseTimeWindow(url: URL): z.output<typeof ZTimeWindow> {
  const result = ZTimeWindow.safeParse({ since: url.searchParams.get("since") ?? undefined, until: url.searchParams.get("until") ?? undefined });
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}

export const ZSendExampleIn = z.object({
  eventType: ZEventTypeName,
  // Svix's choice among a schema's examples; Pigeon keeps one example per event type.
  exampleIndex: z.number().int().min(0).optional(),
  payload: z
    .custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null && !Array.isArray(value), { message: "must be a JSON object" })
    .optional(),
});
export type TSendExampleIn = z.input<typeof ZSendExampleIn>;
export type SendExampleIn = z.output<typeof ZSendExampleIn>;
