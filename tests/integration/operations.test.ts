import { Svix } from "svix";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import type { Db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { type OwnInstall, startOwnInstall } from "../support/own-install";
import { type Receiver, startReceiver } from "../support/receiver";
import type { RunningServer } from "../support/server";
import { until } from "../support/wait";

// Operations: Prometheus metrics at /api/metrics, on a server of its own so the counters
// hold exactly what this file did.

const kind = inject("dbKind");
const TOKEN = "metrics-token-for-the-tests";
let receiver: Receiver;
let install: OwnInstall | undefined;
let server: RunningServer;
let db: Db;
let svix: Svix;
let apiKey: string;

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.answer("/fail", { status: 503 });
  receiver.answer("/slow", { delayMs: 3_000 });
  install = await startOwnInstall(kind, {
    PIGEON_DATA_DIR: inject("dataDir"),
    PIGEON_ALLOWED_NETWORKS: "127.0.0.0/8",
    PIGEON_RETRY_SCHEDULE: "none",
    PIGEON_METRICS_TOKEN: TOKEN,
    LOG_LEVEL: "debug",
  });
  ({ server, db } = install);
  const org = await seedOrg(db);
  apiKey = (await insertApiKey(db, org.id, "ops", "admin")).key;
  svix = new Svix(apiKey, { serverUrl: server.url });
}, 60_000);

afterAll(async () => {
  await install?.stop();
  await receiver?.close();
});

/** The samples of a Prometheus text exposition: `name{labels}` → value. */
async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    const match = /^([a-z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/i.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

describe(`operations on ${kind}`, () => {
  it("answers /api/metrics only with the bearer token", async () => {
    expect((await fetch(`${server.url}/api/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/api/metrics`, { headers: { authorization: "Bearer not-the-token-at-all" } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).detail).toMatch(/PIGEON_METRICS_TOKEN/);
  });

  it("counts attempts, finished deliveries and API requests; reports the queue and failing endpoints", async () => {
    const app = await svix.application.create({ name: "Metrics" });
    const ok = await svix.endpoint.create(app.id, { url: receiver.url("/ok") });
    const failing = await svix.endpoint.create(app.id, { url: receiver.url("/fail"), eventTypes: ["fails.only"] });
    for (let i = 0; i < 12; i++) await svix.message.create(app.id, { eventType: "order.paid", payload: { i } });
    // These go to both endpoints: 15 successes in all, 3 failures.
    for (let i = 0; i < 3; i++) await svix.message.create(app.id, { eventType: "fails.only", payload: { i } });
    // With no retries, every delivery is finished after its one attempt.
    await until(async () => (await db.delivery.count({ where: { appId: app.id, status: { in: ["pending", "sending"] } } })) === 0, "every delivery finished");

    const samples = await until(async () => {
      const s = await scrape();
      return (
        (s.get('pigeon_attempts_total{outcome="success",trigger="scheduled"}') ?? 0) +
          (s.get('pigeon_attempts_total{outcome="failure",trigger="scheduled"}') ?? 0) ===
          18 && s
      );
    }, "the attempts to be counted");
    expect(samples.get('pigeon_attempts_total{outcome="success",trigger="scheduled"}')).toBe(15);
    expect(samples.get('pigeon_attempts_total{outcome="failure",trigger="scheduled"}')).toBe(3);
    expect(samples.get('pigeon_deliveries_finished_total{outcome="succeeded"}')).toBe(15);
    expect(samples.get('pigeon_deliveries_finished_total{outcome="exhausted"}')).toBe(3);
    expect(samples.get('pigeon_attempt_duration_seconds_count{outcome="success"}')).toBe(15);
    expect(samples.get('pigeon_http_request_duration_seconds_count{method="POST",route="/api/v1/app/:id/msg",status="202"}')).toBe(15);
    expect(samples.get("pigeon_queue_depth")).toBe(0);
    expect(samples.get("pigeon_queue_oldest_due_age_seconds")).toBe(0);
    expect(samples.get(`pigeon_endpoint_failure_rate{endpoint_id="${failing.id}"}`)).toBe(1);
    expect(samples.has(`pigeon_endpoint_failure_rate{endpoint_id="${ok.id}"}`)).toBe(false);
    expect(samples.get("process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("logs JSON lines that tie a request to its message and the message to its delivery attempts", async () => {
    const app = await svix.application.create({ name: "Logs" });
    const endpoint = await svix.endpoint.create(app.id, { url: receiver.url("/fail") });
    const response = await fetch(`${server.url}/api/v1/app/${app.id}/msg`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "x-request-id": "trace-logs-1" },
      body: JSON.stringify({ eventType: "order.paid", payload: { n: 1 } }),
    });
    expect(response.headers.get("x-request-id")).toBe("trace-logs-1");
    const { id: msgId } = await response.json();
    const lines = () =>
      server
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    // No retries here (PIGEON_RETRY_SCHEDULE=none): the one failed attempt exhausts the delivery.
    const exhausted = await until(() => lines().find((l) => l.msg === "delivery exhausted" && l.msgId === msgId), "the exhausted delivery's line");
    expect(exhausted).toMatchObject({
      level: "warn",
      endpointId: endpoint.id,
      deliveryId: expect.any(String),
      attemptId: expect.any(String),
      attempt: 1,
      status: 503,
      next: "exhausted",
    });
    expect(lines().find((l) => l.msg === "message accepted" && l.msgId === msgId)).toMatchObject({
      level: "debug",
      reqId: "trace-logs-1",
      appId: app.id,
      deliveries: 1,
    });
    expect(lines().find((l) => l.msg === "request" && l.reqId === "trace-logs-1")).toMatchObject({ method: "POST", route: "/api/v1/app/:id/msg", status: 202 });
  });

  it("reports due deliveries waiting in the queue and how long the oldest has waited", async () => {
    // An endpoint that takes 3 s to answer: 32 attempts at a time are on the wire, the rest wait, due.
    const app = await svix.application.create({ name: "Queue" });
    await svix.endpoint.create(app.id, { url: receiver.url("/slow") });
    for (let i = 0; i < 100; i++) await svix.message.create(app.id, { eventType: "order.paid", payload: { i } });
    const samples = await scrape();
    expect(samples.get("pigeon_queue_depth")).toBeGreaterThanOrEqual(40);
    expect(samples.get("pigeon_queue_oldest_due_age_seconds")).toBeGreaterThan(0);
  });
});
