import { Backoff, seconds, sleep } from "./backoff";
import { type Forwarded, forward, signingKey, type StreamedMessage } from "./forward";
import type { ListenOptions } from "./options";
import { type Cursor, FatalApiError, pigeonApi, TransientApiError } from "./pigeon-api";
import { SseParser, type SseEvent } from "./sse";
import { type ListenState, readState, writeState } from "./state";

// The listener: one message at a time, in the stream's order. A message the local app does
// not accept (non-2xx, refused, timed out) is tried again with backoff and never passed
// over; once it is accepted its id is saved, and every (re)connection resumes after the
// last saved id. So every message reaches the app at least once, in order — a message may
// arrive twice when the listener dies between the app's answer and saving its id.

// Three of the server's heartbeats (one each 15 s) without a byte: the connection is gone
// even if TCP has not noticed (a laptop that slept, a NAT that forgot it).
const IDLE_MS = 45_000;

type Print = (line: string) => void;

const clock = () => new Date().toTimeString().slice(0, 8);

function report(message: StreamedMessage, result: Forwarded): string {
  const outcome = "status" in result ? String(result.status) : result.error;
  return `${clock()}  ${message.eventType}  ${message.id}  → ${outcome}  ${result.ms} ms`;
}

function cursorOf(state: ListenState): Cursor {
  if (state.lastEventId) return { lastEventId: state.lastEventId };
  return state.iterator ? { iterator: state.iterator } : { beginning: true };
}

/** The message an SSE event carries; anything else from the server is a bug worth stopping for. */
function messageOf(event: SseEvent): StreamedMessage {
  let data: Partial<StreamedMessage> | null = null;
  try {
    data = JSON.parse(event.data) as Partial<StreamedMessage>;
  } catch {
    // Reported below.
  }
  if (typeof data?.id !== "string" || typeof data.eventType !== "string" || typeof data.body !== "string") {
    throw new FatalApiError(`the stream sent an event that is not a message (id "${event.id}"): ${event.data.slice(0, 200)}`);
  }
  return { id: data.id, eventType: data.eventType, body: data.body };
}

/** Runs `call` until it succeeds, waiting between transient failures; undefined when stopped first. */
async function retrying<T>(call: () => Promise<T>, stop: AbortSignal, print: Print): Promise<T | undefined> {
  const backoff = new Backoff();
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof TransientApiError)) throw error;
      const delay = backoff.next(error.retryAfterMs);
      print(`${clock()}  ${error.message}; trying again in ${seconds(delay)}`);
      if (!(await sleep(delay, stop))) return undefined;
    }
  }
}

/** Forwards messages until `stop` aborts (after the forward in flight). Throws FatalApiError when retrying cannot help. */
export async function listen(options: ListenOptions, stop: AbortSignal, print: Print = console.log): Promise<void> {
  const api = pigeonApi(options);
  const saved = readState(options.statePath);
  if (saved && saved.endpointId !== options.endpointId) {
    throw new FatalApiError(`${options.statePath} belongs to endpoint ${saved.endpointId}, not ${options.endpointId}; choose another --state file`);
  }
  const key = await retrying(async () => signingKey(await api.secret()), stop, print);
  if (!key) return;
  let state: ListenState;
  if (saved) state = saved;
  else {
    // The first start: from where this consumer stands, saved before anything is read.
    const iterator = await retrying(() => api.consumerIterator(options.consumer), stop, print);
    if (iterator === undefined) return;
    state = { endpointId: options.endpointId, iterator };
    writeState(options.statePath, state);
  }
  const from = state.lastEventId ? `after ${state.lastEventId}` : state.iterator ? "where the consumer stands" : "the endpoint's first message";
  const reconnect = new Backoff();
  print(`Forwarding ${options.endpointId} to ${options.forwardTo.href} as consumer "${options.consumer}", from ${from} (state: ${options.statePath})`);

  // The state file is what a restart resumes from; the server is told too (the newest
  // forwarded id, one request at a time), so the consumer's position and lag it shows are
  // true. A failed acknowledgement is only a stale position there: the next one repairs it.
  let unacknowledged: string | null = null;
  let acknowledging: Promise<void> | null = null;
  function acknowledge(id: string) {
    unacknowledged = id;
    acknowledging ??= (async () => {
      while (unacknowledged) {
        const next = unacknowledged;
        unacknowledged = null;
        await api.ack(options.consumer, next).catch((error: unknown) => print(`${clock()}  could not acknowledge ${next}: ${(error as Error).message}`));
      }
      acknowledging = null;
    })();
  }

  /** Tries until the app accepts it (true), or until stopped (false). */
  async function deliver(message: StreamedMessage, key: Buffer): Promise<boolean> {
    const backoff = new Backoff();
    for (;;) {
      const result = await forward(options.forwardTo, message, key);
      if (result.ok) {
        print(report(message, result));
        return true;
      }
      const delay = backoff.next();
      print(`${report(message, result)}  (trying again in ${seconds(delay)})`);
      if (!(await sleep(delay, stop))) return false;
    }
  }

  /** One connection: reads and forwards until it ends; says why it ended, and how long the server asked to wait. */
  async function session(key: Buffer): Promise<{ reason: string; waitMs?: number }> {
    const connection = new AbortController();
    const close = () => connection.abort();
    stop.addEventListener("abort", close, { once: true });
    let idle = false;
    try {
      let response: Response;
      try {
        response = await api.stream(cursorOf(state), options.consumer, connection.signal);
      } catch (error) {
        if (error instanceof TransientApiError) return { reason: error.message, waitMs: error.retryAfterMs };
        if (connection.signal.aborted) return { reason: "stopped" };
        // The server no longer knows the saved message (say, the state file of another server).
        if (error instanceof FatalApiError && error.status === 400 && state.lastEventId) {
          throw new FatalApiError(`${error.message} (${options.statePath} resumes after ${state.lastEventId}; remove it to start where the consumer stands)`);
        }
        throw error;
      }
      print(`${clock()}  connected to ${options.server.origin}`);
      reconnect.reset();
      const parser = new SseParser();
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const timer = setTimeout(() => {
          idle = true;
          connection.abort();
        }, IDLE_MS);
        let chunk: ReadableStreamReadResult<string>;
        try {
          chunk = await reader.read();
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
          return { reason: idle ? `nothing from the server for ${IDLE_MS / 1000} s` : `the stream broke (${cause})`, waitMs: parser.retryMs };
        } finally {
          clearTimeout(timer);
        }
        if (chunk.done) return { reason: "the server closed the stream", waitMs: parser.retryMs };
        for (const event of parser.push(chunk.value)) {
          if (event.event !== "message") continue;
          const message = messageOf(event);
          if (stop.aborted || !(await deliver(message, key))) return { reason: "stopped" };
          state = { endpointId: options.endpointId, lastEventId: message.id };
          writeState(options.statePath, state);
          acknowledge(message.id);
        }
      }
    } finally {
      stop.removeEventListener("abort", close);
      connection.abort();
    }
  }

  while (!stop.aborted) {
    const ended = await session(key);
    if (stop.aborted) break;
    const delay = reconnect.next(ended.waitMs);
    print(`${clock()}  ${ended.reason}; reconnecting in ${seconds(delay)}`);
    await sleep(delay, stop);
  }
  await acknowledging;
}
