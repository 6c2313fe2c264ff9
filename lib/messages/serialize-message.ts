import type { Message } from "@/lib/db";

/** MessageOut as in the Svix API; `withContent: false` leaves the payload out. */
export function serializeMessage(message: Message, options: { withContent?: boolean } = {}) {
  const withContent = options.withContent ?? true;
  return {
    id: message.id,
    eventType: message.eventType,
    eventId: message.eventId,
    ...(withContent ? { payload: message.payload === null ? {} : (JSON.parse(message.payload) as unknown) } : {}),
    channels: (message.channels as string[] | null) ?? null,
    tags: (message.tags as string[] | null) ?? null,
    timestamp: message.createdAt,
    deliverAt: message.deliverAt,
  };
}
export type MessageOut = ReturnType<typeof serializeMessage>;
