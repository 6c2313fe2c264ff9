// A batching endpoint, measured: a backlog of messages sent to an endpoint with
// `batch: {maxSize}` — the messages delivered per second and the POSTs that carried them —
// beside the same backlog to an endpoint that gets one POST per message, in the same run.
import type { Receiver } from "./harness";
import type { Target } from "./target";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PAYLOAD = { type: "bench.batch", data: { padding: "x".repeat(960) } };

export interface BatchingResult {
  messages: number;
  maxSize: number;
  posts: number;
  deliveriesPerSecond: number;
  postsPerSecond: number;
  /** The same backlog, one POST per message. */
  singleDeliveriesPerSecond: number;
}

async function call<T>(s: Target, path: string, body: unknown): Promise<T> {
  const response = await s.api.request({
    method: "POST",
    path,
    headers: { authorization: `Bearer ${s.key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`POST ${path} → ${response.statusCode}: ${text}`);
  return JSON.parse(text) as T;
}

/** Sends `messages` to a new application with one endpoint (`endpoint` options) and waits until the receiver has them all. */
async function backlogThrough(
  s: Target,
  receiver: Receiver,
  messages: number,
  path: string,
  endpoint: object,
  carried: (r: { unique: number; carried: number }) => number,
) {
  const app = await call<{ id: string }>(s, "/api/v1/app", { name: `bench ${path}` });
  await call(s, `/api/v1/app/${app.id}/endpoint`, { url: `http://127.0.0.1:${receiver.port}${path}`, ...endpoint });
  await receiver.ask({ type: "reset" });
  const started = performance.timeOrigin + performance.now();
  for (let sent = 0; sent < messages; sent += 500) {
    const batch = Array.from({ length: Math.min(500, messages - sent) }, () => ({ eventType: "bench.event", payload: PAYLOAD }));
    await call(s, `/api/v1/app/${app.id}/msg/batch`, { messages: batch });
  }
  for (let last = -1, still = 0; ;) {
    const report = await receiver.ask({ type: "report" });
    if (carried(report) >= messages) return { seconds: (report.lastAt! - started) / 1000, posts: report.unique };
    still = carried(report) === last ? still + 1 : 0;
    if (still > 600) throw new Error(`stalled at ${carried(report)} of ${messages} messages`);
    last = carried(report);
    await sleep(100);
  }
}

/** `s` is one node; its own app is left alone. */
export async function batchingScenario(s: Target, receiver: Receiver, messages: number, maxSize = 100): Promise<BatchingResult> {
  const batched = await backlogThrough(s, receiver, messages, "/batch-bench", { batch: { maxSize, maxWaitMs: 1000 } }, (r) => r.carried);
  const single = await backlogThrough(s, receiver, messages, "/single-bench", {}, (r) => r.unique);
  return {
    messages,
    maxSize,
    posts: batched.posts,
    deliveriesPerSecond: messages / batched.seconds,
    postsPerSecond: batched.posts / batched.seconds,
    singleDeliveriesPerSecond: messages / single.seconds,
  };
}
