import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { newestPosition, positionAt, positionOf, sequenceDeliveries } from "@/lib/delivery/store/polling";
import { invalid } from "@/lib/errors";
import { assertReadable, findPollingEndpoint, pollPage, readStream } from "./read-stream";
import { type AckIn, iteratorOf, positionOfIterator, type PollQuery, type SeekIn } from "./schemas";

// Svix's messagePoller API over readStream.

const pollUrl = (appId: string, sinkId: string, consumerId?: string) => `/api/v1/app/${appId}/poller/${sinkId}${consumerId ? `/consumer/${consumerId}` : ""}`;

/** GET …/poller/{sink_id}: a page of the stream after `iterator` (or after `after`, or from the start). */
export async function pollMessages(auth: AuthContext, appRef: string, sinkRef: string, query: PollQuery) {
  const { app, endpoint } = await findPollingEndpoint(auth, appRef, sinkRef);
  assertReadable(endpoint);
  const start = query.iterator ? positionOfIterator(query.iterator) : query.after ? await positionAt(endpoint.id, query.after) : 0;
  const read = await readStream(endpoint, start, query.limit, {
    filters: { eventType: query.event_type, channel: query.channel },
    by: { via: "poll", url: pollUrl(app.id, endpoint.id) },
  });
  return pollPage(read);
}

/**
 * GET …/consumer/{consumer_id}: the same, from where this consumer left off (or `iterator`);
 * its position moves to the end of the page, so the next call without an iterator continues.
 */
export async function consumerPoll(auth: AuthContext, appRef: string, sinkRef: string, consumerId: string, query: PollQuery) {
  const { app, endpoint } = await findPollingEndpoint(auth, appRef, sinkRef);
  assertReadable(endpoint);
  const start = query.iterator ? positionOfIterator(query.iterator) : ((await savedPosition(endpoint.id, consumerId)) ?? 0);
  const read = await readStream(endpoint, start, query.limit, { by: { via: "poll", consumerId, url: pollUrl(app.id, endpoint.id, consumerId) } });
  await savePosition(endpoint.id, consumerId, read.position);
  return pollPage(read);
}

/** POST …/consumer/{consumer_id}/seek: the consumer continues with the first message created at or after `after`. */
export async function consumerSeek(auth: AuthContext, appRef: string, sinkRef: string, consumerId: string, data: SeekIn) {
  const { endpoint } = await findPollingEndpoint(auth, appRef, sinkRef);
  const position = await positionAt(endpoint.id, data.after);
  await savePosition(endpoint.id, consumerId, position, false);
  return { iterator: iteratorOf(position) };
}

/**
 * POST …/consumer/{consumer_id}/ack (Pigeon's): the consumer processed everything up to and
 * including message `id` of this endpoint; its position moves there. How a streaming
 * consumer (SSE, `pigeon listen`) keeps its position, and the console its lag, true.
 */
export async function consumerAck(auth: AuthContext, appRef: string, sinkRef: string, consumerId: string, data: AckIn) {
  const { endpoint } = await findPollingEndpoint(auth, appRef, sinkRef);
  const position = await positionOf(endpoint.id, data.id);
  if (position === null) throw invalid(["body", "id"], "is not a message this endpoint has sent");
  await savePosition(endpoint.id, consumerId, position);
  return { iterator: iteratorOf(position) };
}

/** Where a consumer stands, or undefined for one the endpoint has not seen. */
export async function savedPosition(endpointId: string, consumerId: string): Promise<number | undefined> {
  const consumer = await db.pollConsumer.findUnique({ where: { endpointId_consumerId: { endpointId, consumerId } }, select: { position: true } });
  return consumer?.position;
}

/** Remembers where a consumer is (and, for a read, when it last read). */
export async function savePosition(endpointId: string, consumerId: string, position: number, polled = true) {
  const lastPollAt = polled ? new Date() : undefined;
  await db.pollConsumer.upsert({
    where: { endpointId_consumerId: { endpointId, consumerId } },
    create: { endpointId, consumerId, position, lastPollAt: lastPollAt ?? null },
    update: { position, ...(lastPollAt ? { lastPollAt } : {}) },
  });
}

/** Notes that a streaming consumer is still reading (its position moves only when it confirms). */
export async function touchConsumer(endpointId: string, consumerId: string) {
  await db.pollConsumer.updateMany({ where: { endpointId, consumerId }, data: { lastPollAt: new Date() } });
}

/** The endpoint's consumers with their positions, how far behind the newest message they are, and when they last read. */
export async function listConsumers(auth: AuthContext, appRef: string, sinkRef: string) {
  const { endpoint } = await findPollingEndpoint(auth, appRef, sinkRef);
  await sequenceDeliveries(endpoint.id);
  const [consumers, newest] = await Promise.all([
    db.pollConsumer.findMany({ where: { endpointId: endpoint.id }, orderBy: { consumerId: "asc" }, take: 1000 }),
    newestPosition(endpoint.id),
  ]);
  return {
    data: consumers.map((c) => ({
      consumerId: c.consumerId,
      iterator: iteratorOf(c.position),
      lag: Math.max(0, newest - c.position),
      lastPollAt: c.lastPollAt,
      createdAt: c.createdAt,
    })),
  };
}
