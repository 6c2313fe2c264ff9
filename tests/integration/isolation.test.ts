import { createServer, type Server } from "node:net";
import { Svix } from "svix";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import type { Db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { type OwnInstall, startOwnInstall } from "../support/own-install";
import { type Receiver, startReceiver } from "../support/receiver";
import { sleep, until } from "../support/wait";

// One tenant's bad endpoints — slow, hanging, resetting the connection, answering 10 MB or
// a redirect — beside healthy ones in two organizations. The
// worker has 16 slots and gives an endpoint at most 4: before isolation, the slow
// endpoint's 2 s attempts filled every slot and the healthy endpoints waited seconds.
const kind = inject("dbKind");
const SLOW_MS = 1_000;
let receiver: Receiver;
// Accepts connections and resets them at once.
let resetting: Server;
let install: OwnInstall | undefined;
let db: Db;
let a: Tenant;
let b: Tenant;

interface Tenant {
  svix: Svix;
  key: string;
  appId: string;
}

async function tenant(name: string, path: string) {
  const org = await seedOrg(db, { name });
  const { key } = await insertApiKey(db, org.id, name, "admin");
  const svix = new Svix(key, { serverUrl: install!.server.url });
  const app = await svix.application.create({ name });
  await svix.endpoint.create(app.id, { url: receiver.url(path) });
  return { svix, key, appId: app.id };
}

/** The endpoint as the API answers it, with Pigeon's fields (the SDK keeps only Svix's). */
async function endpointOut(t: Tenant, endpointId: string): Promise<{ backedOff: { timeouts: number; until: string } | null }> {
  const response = await fetch(`${install!.server.url}/api/v1/app/${t.appId}/endpoint/${endpointId}`, { headers: { authorization: `Bearer ${t.key}` } });
  expect(response.status).toBe(200);
  return response.json();
}

/** Sends `count` messages to each tenant at about `perSecond` in all; resolves with each message's send time. */
async function send(count: number, perSecond: number): Promise<Map<string, number>> {
  const sentAt = new Map<string, number>();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    for (const t of [a, b]) {
      const at = Date.now();
      pending.push(t.svix.message.create(t.appId, { eventType: "isolation.test", payload: { i } }).then((m) => void sentAt.set(m.id, at)));
    }
    await sleep((2 * 1000) / perSecond);
  }
  await Promise.all(pending);
  return sentAt;
}

/** Receipt latency (ms) of the given messages at the healthy endpoints: p50 and p95. */
async function latencies(sentAt: Map<string, number>) {
  const healthy = () => receiver.received.filter((r) => (r.path === "/a" || r.path === "/b") && sentAt.has(r.headers["webhook-id"]!));
  await until(() => healthy().length >= sentAt.size, `${sentAt.size} healthy deliveries`, 60_000);
  const ms = healthy()
    .map((r) => r.at - sentAt.get(r.headers["webhook-id"]!)!)
    .sort((x, y) => x - y);
  return { p50: ms[Math.floor(ms.length * 0.5)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.answer("/slow", { delayMs: SLOW_MS });
  receiver.answer("/hang", { delayMs: 600_000 });
  receiver.answer("/big", { body: "x".repeat(10 * 1024 * 1024) });
  receiver.answer("/redirect", { status: 302, headers: { location: receiver.url("/a") } });
  resetting = createServer((socket) => socket.resetAndDestroy());
  await new Promise<void>((resolve) => resetting.listen(0, "127.0.0.1", resolve));
  install = await startOwnInstall(kind, {
    PIGEON_DATA_DIR: inject("dataDir"),
    PIGEON_ALLOWED_NETWORKS: "127.0.0.0/8",
    PIGEON_WORKER_CONCURRENCY: "16",
    PIGEON_ENDPOINT_MAX_IN_FLIGHT: "4",
    PIGEON_ATTEMPT_TIMEOUT_MS: "1500",
    PIGEON_RETRY_SCHEDULE: "1,1,1,1,1,1,1,1,1,1",
  });
  db = install.db;
  a = await tenant("Slow tenant", "/a");
  b = await tenant("Other tenant", "/b");
}, 60_000);

afterAll(async () => {
  await install?.stop();
  await receiver?.close();
  await new Promise((resolve) => resetting?.close(resolve));
});

describe(`isolation between endpoints and tenants on ${kind}`, () => {
  it("keeps healthy endpoints fast beside slow, hanging and broken ones, and backs off the one that keeps timing out", async () => {
    const baseline = await latencies(await send(40, 50));

    // Tenant a adds a slow endpoint (1 s, always succeeds, so never disabled) and a hanging one.
    await a.svix.endpoint.create(a.appId, { url: receiver.url("/slow") });
    const hanging = await a.svix.endpoint.create(a.appId, { url: receiver.url("/hang") });
    for (const url of [receiver.url("/big"), receiver.url("/redirect"), `http://127.0.0.1:${(resetting.address() as { port: number }).port}/reset`]) {
      await a.svix.endpoint.create(a.appId, { url });
    }
    const loaded = await latencies(await send(100, 50));
    console.log(
      `healthy receipt latency on ${kind}: baseline p50 ${baseline.p50} ms p95 ${baseline.p95} ms; beside slow, hanging, resetting, 10 MB and redirecting endpoints p50 ${loaded.p50} ms p95 ${loaded.p95} ms`,
    );
    // Without isolation the slow endpoint's 100 attempts of 1 s hold all 16 slots: p50 of seconds.
    expect(loaded.p95).toBeLessThan(Math.max(1_000, 5 * baseline.p95));

    // The slow endpoint never had more than its 4 attempts at once.
    const slowRequests = receiver.requests("/slow");
    const most = Math.max(...slowRequests.map((r) => slowRequests.filter((o) => o.at <= r.at && (o.answeredAt ?? Infinity) > r.at).length));
    expect(most).toBeLessThanOrEqual(4);
    expect(slowRequests.length).toBeGreaterThan(0);

    // The hanging endpoint timed out 5 times in a row: backed off, shown on the endpoint.
    const backedOff = await until(async () => {
      const row = await db.endpoint.findUniqueOrThrow({ where: { id: hanging.id } });
      return row.backoffUntil && row.timeoutStreak >= 5 ? { row } : undefined;
    }, "the hanging endpoint backed off");
    expect(backedOff.row.backoffUntil!.getTime()).toBeGreaterThan(Date.now());
    expect((await endpointOut(a, hanging.id)).backedOff).toEqual({ timeouts: 5, until: backedOff.row.backoffUntil!.toISOString() });
    // Its waiting deliveries wait for the probe, not for their next retry; nothing is sent meanwhile.
    const moved = await db.delivery.count({ where: { endpointId: hanging.id, status: "pending", nextAttemptAt: backedOff.row.backoffUntil! } });
    expect(moved).toBeGreaterThan(0);
    const requestsWhileOpen = receiver.requests("/hang").length;
    await sleep(2_000);
    expect(receiver.requests("/hang").length).toBe(requestsWhileOpen);

    // The receiver recovers; when the back-off ends (brought forward here), one probe goes, succeeds, and the rest follow.
    receiver.answer("/hang", {});
    const now = new Date();
    await db.endpoint.update({ where: { id: hanging.id }, data: { backoffUntil: now } });
    await db.delivery.updateMany({ where: { endpointId: hanging.id, status: "pending" }, data: { nextAttemptAt: now } });
    await until(async () => (await db.endpoint.findUniqueOrThrow({ where: { id: hanging.id } })).timeoutStreak === 0, "the breaker to close", 20_000);
    expect((await endpointOut(a, hanging.id)).backedOff).toBeNull();
    await until(
      async () => (await db.delivery.count({ where: { endpointId: hanging.id, status: "succeeded" } })) === 100,
      "every message at the recovered endpoint",
      60_000,
    );
  }, 180_000);
});
