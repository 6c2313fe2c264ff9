import type { AuthContext } from "@/lib/auth/context";
import type { Endpoint } from "@/lib/db";
import { markRead, readNumbered, type ReadBy, sequenceDeliveries, type StreamRow } from "@/lib/delivery/store/polling";
import { webhookHeaders, type WebhookHeaders } from "@/lib/delivery/sign-webhook";
import { signingKeys } from "@/lib/delivery/signing-keys";
import { findEndpoint } from "@/lib/endpoints/find-endpoint";
import { AppError, notFound } from "@/lib/errors";
import { iteratorOf } from "./schemas";

// The one reader behind every way a polling endpoint is consumed: the poller API (with or
// without a consumer), the SSE stream and the WebSocket. It numbers what became visible,
// reads after a position, signs each message like a webhook, and records first reads.

/** The caller's polling endpoint (by id or uid); a webhook endpoint is not one. */
export async function findPollingEndpoint(auth: AuthContext, appRef: string, sinkRef: string) {
  const found = await findEndpoint(auth, appRef, sinkRef);
  if (found.endpoint.type !== "polling") throw notFound("Polling endpoint");
  return found;
}

export function assertReadable(endpoint: Endpoint) {
  if (endpoint.disabled)
    throw new AppError("conflict", "This polling endpoint is disabled; enable it to read its messages again (nothing sent meanwhile is lost)");
}

/** PollingEndpointMessageOut as in the Svix API; `headers` are the Standard Webhooks headers of the payload's exact bytes. */
export interface PolledMessage {
  id: string;
  eventType: string;
  eventId: string | null;
  payload: unknown;
  channels: string[] | null;
  tags: string[] | null;
  timestamp: string;
  headers: WebhookHeaders;
}

export interface StreamEvent {
  position: number;
  deliveryId: string;
  message: PolledMessage;
  /** The exact bytes the signature covers (the stored payload). */
  body: string;
}

export interface Filters {
  eventType?: string;
  channel?: string;
}

const matches = (row: StreamRow, filters: Filters) =>
  (!filters.eventType || row.eventType === filters.eventType) && (!filters.channel || (row.channels ?? []).includes(filters.channel));

/**
 * Up to `limit` messages after `after`, in stream order. `position` is where the next read
 * starts (past messages the filters skipped too); `done` when nothing more is visible now.
 */
export async function readStream(
  endpoint: Pick<Endpoint, "id" | "updatedAt">,
  after: number,
  limit: number,
  options: { filters?: Filters; by?: ReadBy } = {},
): Promise<{ events: StreamEvent[]; position: number; done: boolean }> {
  await sequenceDeliveries(endpoint.id);
  const rows = await readNumbered(endpoint.id, after, limit);
  const wanted = rows.filter((row) => matches(row, options.filters ?? {}));
  const keys = (await signingKeys([endpoint])).get(endpoint.id);
  if (!keys || keys.unreadable) throw new AppError("internal", `The signing secret of ${endpoint.id} cannot be read: ${keys?.unreadable ?? "missing"}`);
  const timestamp = Math.floor(Date.now() / 1000);
  const events = wanted.map((row) => {
    // A payload the retention sweep expired is an empty object, as a resend of it would send.
    const body = row.payload ?? "{}";
    return {
      position: row.seq,
      deliveryId: row.deliveryId,
      body,
      message: {
        id: row.messageId,
        eventType: row.eventType,
        eventId: row.eventId,
        payload: JSON.parse(body) as unknown,
        channels: row.channels,
        tags: row.tags,
        timestamp: new Date(row.createdAt).toISOString(),
        headers: webhookHeaders({ msgId: row.messageId, timestamp, body, keys: keys.keys }),
      },
    };
  });
  if (options.by)
    await markRead(
      endpoint.id,
      wanted.map((row) => row.deliveryId),
      options.by,
    );
  return { events, position: rows.at(-1)?.seq ?? after, done: rows.length < limit };
}

/** The poller API's page: `{data, iterator, done}`. */
export const pollPage = (read: Awaited<ReturnType<typeof readStream>>) => ({
  data: read.events.map((event) => event.message),
  iterator: iteratorOf(read.position),
  done: read.done,
});
