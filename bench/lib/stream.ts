// A polling endpoint's SSE stream, measured: the messages/s one consumer receives from a
// backlog, and the latency from send to receipt at a steady rate, through the stream and
// through a webhook of the same application in the same run.
import type { Receiver } from "./harness";
import { waitForReceipts } from "./harness";
import type { Target } from "./target";

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const PAYLOAD = { type: "bench.stream", data: { padding: "x".repeat(960) } };

export interface StreamResult {
  backlog: number;
  consumerPerSecond: number;
  rate: number;
  seconds: number;
  sse: { p50Ms: number; p99Ms: number };
  webhook: { p50Ms: number; p99Ms: number };
}

async function call<T>(s: Target, method: "POST" | "GET", path: string, body?: unknown): Promise<T> {
  const response = await s.api.request({
    method,
    path,
    headers: { authorization: `Bearer ${s.key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${method} ${path} → ${response.statusCode}: ${text}`);
  return JSON.parse(text) as T;
}

/** Reads an SSE stream, noting when each message id arrived; stop() ends it. */
async function consume(s: Target, appId: string, endpoint: { id: string; token: string }) {
  const arrivals = new Map<string, number>();
  const controller = new AbortController();
  const response = await s.api.request({
    method: "GET",
    path: `/api/v1/app/${appId}/poller/${endpoint.id}/stream`,
    headers: { authorization: `Bearer ${endpoint.token}` },
    signal: controller.signal,
  });
  if (response.statusCode !== 200) throw new Error(`stream → ${response.statusCode}`);
  let buffer = "";
  const reading = (async () => {
    try {
      for await (const chunk of response.body) {
        buffer += String(chunk);
        const at = now();
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const id = /^id: (\S+)$/m.exec(buffer.slice(0, end))?.[1];
          if (id && !arrivals.has(id)) arrivals.set(id, at);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    arrivals,
    async until(count: number) {
      while (arrivals.size < count) await sleep(20);
    },
    async stop() {
      controller.abort();
      await reading;
    },
  };
}

const pollingEndpoint = (s: Target, appId: string) => call<{ id: string; token: string }>(s, "POST", `/api/v1/app/${appId}/endpoint`, { type: "polling" });

/** `s` is one node whose app has one webhook endpoint (/endpoint-0) on the receiver. */
export async function streamScenario(s: Target, receiver: Receiver, backlog: number, rate: number, seconds: number): Promise<StreamResult> {
  // 1. Latency: a polling endpoint beside the webhook one; open-loop sends at `rate`.
  const live = await pollingEndpoint(s, s.appId);
  const stream = await consume(s, s.appId, live);
  const send = async () => {
    const sentAt = now();
    const answer = await call<{ id: string }>(s, "POST", `/api/v1/app/${s.appId}/msg`, { eventType: "bench.event", payload: PAYLOAD });
    return { id: answer.id, sentAt };
  };
  for (let i = 0; i < 50; i++) await send();
  await stream.until(50);
  await waitForReceipts(receiver, 50);
  await receiver.ask({ type: "reset" });
  const sent: { id: string; sentAt: number }[] = [];
  const started = now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    const wait = started + (i * 1000) / rate - now();
    if (wait > 1) await sleep(wait);
    inFlight.push(send().then((m) => void sent.push(m)));
  }
  await Promise.all(inFlight);
  await stream.until(50 + sent.length);
  await waitForReceipts(receiver, sent.length);
  await stream.stop();
  const webhookArrivals = (await receiver.ask({ type: "report", ids: true })).arrivals!;
  const sseDelays = sent.map((m) => stream.arrivals.get(m.id)! - m.sentAt).sort((a, b) => a - b);
  const webhookDelays = sent.map((m) => webhookArrivals[`${m.id} /endpoint-0`]! - m.sentAt).sort((a, b) => a - b);

  // 2. One consumer reading a backlog: an application whose only endpoint is a polling one.
  const app = await call<{ id: string }>(s, "POST", "/api/v1/app", { name: "bench stream" });
  const backlogEndpoint = await pollingEndpoint(s, app.id);
  for (let sentCount = 0; sentCount < backlog; sentCount += 500) {
    const messages = Array.from({ length: Math.min(500, backlog - sentCount) }, () => ({ eventType: "bench.event", payload: PAYLOAD }));
    await call(s, "POST", `/api/v1/app/${app.id}/msg/batch`, { messages });
  }
  const reader = await consume(s, app.id, backlogEndpoint);
  await reader.until(backlog);
  await reader.stop();
  const times = [...reader.arrivals.values()].sort((a, b) => a - b);
  return {
    backlog,
    consumerPerSecond: backlog / ((times.at(-1)! - times[0]!) / 1000),
    rate,
    seconds,
    sse: { p50Ms: percentile(sseDelays, 50), p99Ms: percentile(sseDelays, 99) },
    webhook: { p50Ms: percentile(webhookDelays, 50), p99Ms: percentile(webhookDelays, 99) },
  };
}
