import type { AuthContext } from "@/lib/auth/context";
import { positionAt, positionOf } from "@/lib/delivery/store/polling";
import { invalid } from "@/lib/errors";
import { savedPosition, savePosition, touchConsumer } from "./poll-messages";
import { assertReadable, findPollingEndpoint, readStream, type StreamEvent } from "./read-stream";
import { positionOfIterator, type PollQuery } from "./schemas";
import { takeStreamSlot } from "./stream-slots";
import { onStreamWake } from "./stream-wake";

// The live stream of a polling endpoint as Server-Sent Events. Each event is one message:
// its id is the SSE id (a reconnecting EventSource sends it back as Last-Event-ID, and the
// stream resumes after it), its data the poller's message plus `body`, the exact bytes its
// Standard Webhooks headers sign. A comment line every HEARTBEAT_MS keeps proxies from
// closing a quiet stream. New messages arrive at once when stored by this process, and
// within STREAM_POLL_MS when stored by another.

export const STREAM_POLL_MS = 500;
const HEARTBEAT_MS = 15_000;
const PAGE = 100;
const TOUCH_MS = 5_000;

/** Where a stream starts: after Last-Event-ID, else `iterator`, else `after`, else the consumer's position, else the beginning. */
export async function streamStart(
  endpointId: string,
  options: { lastEventId?: string | null; query: Pick<PollQuery, "iterator" | "after">; consumerPosition?: number },
): Promise<number> {
  if (options.lastEventId) {
    const position = await positionOf(endpointId, options.lastEventId);
    if (position === null) throw invalid(["header", "last-event-id"], "is not a message this stream has sent");
    return position;
  }
  if (options.query.iterator) return positionOfIterator(options.query.iterator);
  if (options.query.after) return positionAt(endpointId, options.query.after);
  return options.consumerPosition ?? 0;
}

/** Waits until woken, `ms` pass, or `signal` aborts. */
export function waitForMessages(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = onStreamWake(done);
    signal.addEventListener("abort", done, { once: true });
  });
}

export const sseEvent = (event: StreamEvent) => `id: ${event.message.id}\nevent: message\ndata: ${JSON.stringify({ ...event.message, body: event.body })}\n\n`;

/** GET …/poller/{sink_id}/stream: the SSE response. */
export async function streamMessages(
  auth: AuthContext,
  appRef: string,
  sinkRef: string,
  options: { query: PollQuery; consumerId?: string; lastEventId: string | null; signal: AbortSignal },
): Promise<Response> {
  const { app, endpoint } = await findPollingEndpoint(auth, appRef, sinkRef);
  assertReadable(endpoint);
  const consumerPosition = options.consumerId ? await savedPosition(endpoint.id, options.consumerId) : undefined;
  let position = await streamStart(endpoint.id, { lastEventId: options.lastEventId, query: options.query, consumerPosition });
  // A stream has no acknowledgements: a consumer's position is where it (re)connected —
  // after its Last-Event-ID, the message it says it processed — never what was merely sent,
  // so a consumer that reconnects without Last-Event-ID misses nothing it did not confirm.
  if (options.consumerId) await savePosition(endpoint.id, options.consumerId, position);
  const filters = { eventType: options.query.event_type, channel: options.query.channel };
  const by = { via: "sse", consumerId: options.consumerId, url: `/api/v1/app/${app.id}/poller/${endpoint.id}/stream` };
  const encoder = new TextEncoder();
  const closed = new AbortController();
  const release = takeStreamSlot(endpoint.id);
  closed.signal.addEventListener("abort", release, { once: true });
  options.signal.addEventListener("abort", () => closed.abort(), { once: true });
  let lastWrite = Date.now();
  // The console's "last read" of a streaming consumer, written at most every few seconds.
  let touched = Date.now();
  const touch = async () => {
    if (!options.consumerId || Date.now() - touched < TOUCH_MS) return;
    touched = Date.now();
    await touchConsumer(endpoint.id, options.consumerId);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`retry: 2000\n: stream of ${endpoint.id}\n\n`));
    },
    async pull(controller) {
      try {
        await next(controller);
      } catch (error) {
        closed.abort();
        throw error;
      }
    },
    cancel() {
      closed.abort();
    },
  });
  // One pull, one page (or a heartbeat): the client's reading paces the stream.
  async function next(controller: ReadableStreamDefaultController<Uint8Array>) {
    while (!closed.signal.aborted) {
      const read = await readStream(endpoint, position, PAGE, { filters, by });
      position = read.position;
      if (read.events.length > 0) {
        controller.enqueue(encoder.encode(read.events.map(sseEvent).join("")));
        lastWrite = Date.now();
        await touch();
        return;
      }
      if (Date.now() - lastWrite >= HEARTBEAT_MS) {
        controller.enqueue(encoder.encode(`: heartbeat\n\n`));
        lastWrite = Date.now();
        await touch();
        return;
      }
      await waitForMessages(Math.min(STREAM_POLL_MS, HEARTBEAT_MS - (Date.now() - lastWrite)), closed.signal);
    }
    // Ended by the client: a cancelled stream is closed already.
    try {
      controller.close();
    } catch {
      // cancelled
    }
  }
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: no compression (it would hold events back); no proxy buffering either.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}
