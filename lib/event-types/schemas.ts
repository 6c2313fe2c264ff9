import { z } from "zod";
import { boundJson } from "@/lib/apps/schemas";
import { ZEventTypeName } from "@/lib/endpoints/schemas";

/** Event-type names are the catalogue's sort key, so they are its list iterators too. */
export const isEventTypeName = (value: string) => ZEventTypeName.safeParse(value).success;

const MAX_DOCUMENT_BYTES = 64 * 1024;

/** An event type's request may carry both documents at their largest, and the rest. */
export const EVENT_TYPE_BODY_LIMIT = 2 * MAX_DOCUMENT_BYTES + 16 * 1024;

const fields = {
  description: z.string().max(4096).default(""),
  archived: z.boolean().default(false),
  deprecated: z.boolean().default(false),
  schemas: z.record(z.string(), z.unknown()).superRefine(boundJson(MAX_DOCUMENT_BYTES)).nullish(),
  groupName: z.string().max(256).nullish(),
  featureFlags: z.array(z.string().max(256)).max(20).nullish(),
  // Pigeon's addition: an example payload for the catalogue and for test events.
  example: z.unknown().superRefine(boundJson(MAX_DOCUMENT_BYTES)).optional(),
};

export const ZEventTypeIn = z.object({ name: ZEventTypeName, ...fields });
export type TEventTypeIn = z.input<typeof ZEventTypeIn>;
export type EventTypeIn = z.output<typeof ZEventTypeIn>;

export const ZEventTypeUpsert = z.object(fields);
export type TEventTypeUpsert = z.input<typeof ZEventTypeUpsert>;
export type EventTypeUpsert = z.output<typeof ZEventTypeUpsert>;

// No defaults on PATCH: a field left out must stay as it is.
export const ZEventTypePatch = z.object({ ...fields, description: z.string().max(4096), archived: z.boolean(), deprecated: z.boolean() }).partial();
export type TEventTypePatch = z.input<typeof ZEventTypePatch>;
export type EventTypePatch = z.output<typeof ZEventTypePatch>;
