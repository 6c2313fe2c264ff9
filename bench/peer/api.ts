// The peer's API: POST /api/v1/app/{appId}/msg enqueues one BullMQ job per endpoint of the
// app, in one round trip (addBulk), and answers 202 once Redis has them. See README.md.
//
//   PEER_API_KEY=… PEER_APPS='{"app_1":[…]}' PORT=8080 node --import tsx bench/peer/api.ts
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Queue } from "bullmq";
import { apps, type DeliveryJob, prefix, QUEUE, redis, required } from "./config";

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_EVENT_TYPE_LENGTH = 256;
// Compared as digests so the comparison takes the same time whatever the header holds.
const keyDigest = createHash("sha256")
  .update(`Bearer ${required("PEER_API_KEY")}`)
  .digest();

const queue = new Queue<DeliveryJob>(QUEUE, {
  connection: redis(),
  prefix,
  defaultJobOptions: {
    attempts: 5,
    backoff: { type: "exponential", delay: 1000 },
    // At volume a completed job is only memory: dropped at once. Failed ones stay for a look.
    removeOnComplete: true,
    removeOnFail: 1000,
  },
});

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const authorized = (req: IncomingMessage) =>
  timingSafeEqual(
    createHash("sha256")
      .update(req.headers.authorization ?? "")
      .digest(),
    keyDigest,
  );

/** The body, or null past MAX_BODY_BYTES (announced or streamed). */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function isMessage(input: unknown): input is { eventType: string; payload: Record<string, unknown> } {
  if (typeof input !== "object" || input === null) return false;
  const { eventType, payload } = input as Record<string, unknown>;
  return (
    typeof eventType === "string" &&
    eventType.length > 0 &&
    eventType.length <= MAX_EVENT_TYPE_LENGTH &&
    typeof payload === "object" &&
    payload !== null &&
    !Array.isArray(payload)
  );
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const pathname = (req.url ?? "/").split("?", 1)[0]!;
  const appId = /^\/api\/v1\/app\/([^/]+)\/msg$/.exec(pathname)?.[1];
  if (appId === undefined) return send(res, 404, { error: "not found" });
  if (req.method !== "POST") return send(res, 405, { error: "method not allowed" });
  if (!authorized(req)) return send(res, 401, { error: "unauthorized" });
  const endpoints = apps.get(appId);
  if (!endpoints) return send(res, 404, { error: "no such application" });
  const body = await readBody(req);
  if (body === null) return send(res, 413, { error: `the body exceeds ${MAX_BODY_BYTES} bytes` });
  let input: unknown;
  try {
    input = JSON.parse(body.toString("utf8"));
  } catch {
    return send(res, 400, { error: "the body is not JSON" });
  }
  if (!isMessage(input)) return send(res, 422, { error: "expected {eventType: non-empty string, payload: object}" });

  const message = { id: `msg_${randomUUID()}`, eventType: input.eventType, payload: input.payload, timestamp: new Date().toISOString() };
  const payload = JSON.stringify(message.payload);
  await queue.addBulk(
    endpoints.map((endpoint) => ({
      name: message.eventType,
      data: { messageId: message.id, endpointId: endpoint.id, url: endpoint.url, payload, eventType: message.eventType, timestamp: message.timestamp },
    })),
  );
  send(res, 202, message);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, { error: "internal error" });
  });
});
server.keepAliveTimeout = 60_000;

await queue.waitUntilReady();
server.listen(Number(process.env.PORT ?? 8080), "127.0.0.1", () => {
  console.log(`peer api listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

process.once("SIGTERM", () => {
  server.close(() => void queue.close().then(() => process.exit(0)));
});
