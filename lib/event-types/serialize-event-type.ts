import type { EventType } from "@/lib/db";

/** The example payload: the one given, else the first example of the newest JSON schema. */
export function exampleOf(eventType: Pick<EventType, "example" | "schemas">): unknown {
  if (eventType.example !== null && eventType.example !== undefined) return eventType.example;
  const schemas = (eventType.schemas ?? {}) as Record<string, { examples?: unknown[] }>;
  const newest = Object.keys(schemas).sort().at(-1);
  return newest ? (schemas[newest]?.examples?.[0] ?? null) : null;
}

/** EventTypeOut as in the Svix API, plus the example payload. */
export function serializeEventType(eventType: EventType) {
  const featureFlags = (eventType.featureFlags as string[] | null) ?? null;
  return {
    name: eventType.name,
    description: eventType.description,
    archived: eventType.archived,
    deprecated: eventType.deprecated,
    schemas: eventType.schemas ?? null,
    groupName: eventType.groupName,
    featureFlags,
    featureFlag: featureFlags?.[0] ?? null,
    example: exampleOf(eventType),
    createdAt: eventType.createdAt,
    updatedAt: eventType.updatedAt,
  };
}
export type EventTypeOut = ReturnType<typeof serializeEventType>;
