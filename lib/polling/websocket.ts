import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { STATUS_CODES } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { authorize } from "@/lib/auth/with-org";
import { markRead } from "@/lib/delivery/store/polling";
import { fromPath, toAppError } from "@/lib/errors";
import { errorBody } from "@/lib/http/handle";
import { errorField, log } from "@/lib/ops/log";
import { savedPosition, savePosition } from "./poll-messages";
import { assertReadable, findPollingEndpoint, readStream, type StreamEvent } from "./read-stream";
import { parsePollQuery, ZConsumerId } from "./schemas";
import { STREAM_POLL_MS, streamStart, waitForMessages } from "./stream-messages";
import { takeStreamSlot } from "./stream-slots";
import { withTokenParam } from "./token-param";

// The live stream of a polling endpoint over a WebSocket, with acknowledgements:
// `GET /api/v1/app/{app_id}/poller/{sink_id}/ws` (Upgrade: websocket; a polling token or an
// API key as Authorization, or a polling token as `?token=`; `consumer` names the reader,
// default "websocket"; `event_type` and `channel` filter).
//
//   server → client  {"type":"message","message":{…the poller's message, signed…},"body":"<exact bytes>"}
//   client → server  {"type":"ack","id":"msg_…"}   everything up to and including that message is processed
//
// At most WINDOW messages are out unacknowledged. An acknowledgement records those messages
// as delivered (the attempt log) and moves the consumer's position, so a reconnect resumes
// after the last acknowledged message: what was sent but not acknowledged is sent again.
// The handshake is checked exactly as the HTTP API checks a request (withOrg's authorize).

const WINDOW = 100;
const PING_MS = 15_000;
const PATH = /^\/api\/v1\/app\/([^/]+)\/poller\/([^/]+)\/ws$/;
const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

/** Answers the upgrade when it is for a polling endpoint's WebSocket; false for any other path. */
export function serveWebSocket(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
  const url = new URL(request.url ?? "/", "http://localhost");
  const match = PATH.exec(url.pathname);
  if (!match) return false;
  void accept(request, socket, head, url, decodeURIComponent(match[1]!), decodeURIComponent(match[2]!));
  return true;
}

function refuse(socket: Duplex, thrown: unknown) {
  const error = toAppError(thrown);
  if (error.status >= 500) log().error({ err: errorField(thrown) }, "WebSocket handshake failed");
  const body = JSON.stringify(errorBody(error));
  socket.end(
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

async function accept(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL, appRef: string, sinkRef: string) {
  socket.on("error", () => socket.destroy());
  let session: Omit<Session, "ws">;
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
    const auth = await authorize(withTokenParam(new Request(`http://localhost${request.url}`, { headers })), { pollingToken: true });
    const { app, endpoint } = await findPollingEndpoint(auth, appRef, sinkRef);
    assertReadable(endpoint);
    const query = parsePollQuery(url, ["event_type", "channel"]);
    const consumerId = fromPath(ZConsumerId, url.searchParams.get("consumer") ?? "websocket", "consumer");
    session = {
      endpoint,
      consumerId,
      url: `/api/v1/app/${app.id}/poller/${endpoint.id}/ws`,
      filters: { eventType: query.event_type, channel: query.channel },
      position: await streamStart(endpoint.id, { query: {}, consumerPosition: await savedPosition(endpoint.id, consumerId) }),
    };
  } catch (error) {
    refuse(socket, error);
    return;
  }
  let release: () => void;
  try {
    release = takeStreamSlot(session.endpoint.id);
  } catch (error) {
    refuse(socket, error);
    return;
  }
  socket.once("close", release);
  wss.handleUpgrade(request, socket, head, (ws) => {
    ws.once("close", release);
    void run({ ...session, ws });
  });
}

interface Session {
  ws: WebSocket;
  endpoint: Parameters<typeof readStream>[0];
  consumerId: string;
  url: string;
  filters: { eventType?: string; channel?: string };
  /** Where the next read starts (past what was sent). */
  position: number;
}

async function run(session: Session) {
  const { ws, endpoint, consumerId } = session;
  const closed = new AbortController();
  const unacked: StreamEvent[] = [];
  let alive = true;
  let acking = Promise.resolve();
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, PING_MS);
  ws.on("pong", () => (alive = true));
  ws.on("close", () => {
    clearInterval(ping);
    closed.abort();
  });
  ws.on("error", () => ws.terminate());
  ws.on("message", (data) => {
    let ack: { type?: unknown; id?: unknown };
    try {
      ack = JSON.parse(String(data)) as typeof ack;
    } catch {
      return ws.close(1003, "messages must be JSON");
    }
    if (ack?.type !== "ack" || typeof ack.id !== "string") return ws.close(1003, 'expected {"type":"ack","id":"msg_…"}');
    const upTo = unacked.findIndex((event) => event.message.id === ack.id);
    if (upTo === -1) return; // acknowledged already, or never sent on this connection
    const done = unacked.splice(0, upTo + 1);
    acking = acking
      .then(async () => {
        await markRead(
          endpoint.id,
          done.map((event) => event.deliveryId),
          { via: "websocket", consumerId, url: session.url },
        );
        await savePosition(endpoint.id, consumerId, done.at(-1)!.position);
      })
      .catch((error: unknown) => {
        log().warn({ err: errorField(error) }, "WebSocket acknowledgement not recorded");
        ws.close(1011, "acknowledgement not recorded; reconnect to resume");
      });
    wake();
  });
  let wake = () => {};
  try {
    while (!closed.signal.aborted) {
      const room = WINDOW - unacked.length;
      if (room > 0) {
        const read = await readStream(endpoint, session.position, room, { filters: session.filters });
        session.position = read.position;
        for (const event of read.events) {
          unacked.push(event);
          ws.send(JSON.stringify({ type: "message", message: event.message, body: event.body }));
        }
        if (read.events.length > 0 || !read.done) continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        void waitForMessages(STREAM_POLL_MS, closed.signal).then(resolve);
      });
    }
  } catch (error) {
    log().warn({ err: errorField(error) }, "WebSocket stream ended");
    ws.close(1011, "stream failed; reconnect to resume");
  }
  await acking;
}
