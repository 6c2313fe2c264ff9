import { Webhook } from "standardwebhooks";
import { Svix } from "svix";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { newId } from "@/lib/ids";
import { testServerEnv } from "../setup/global-setup";
import { type ApiClient, apiClient, createApp, createEndpoint, json } from "../support/http";
import { type Receiver, startReceiver } from "../support/receiver";
import { startServer } from "../support/server";
import { sleep, until } from "../support/wait";

const kind = inject("dbKind");
const baseUrl = inject("baseUrl");

let receiver: Receiver;
let api: ApiClient;
let key: string;

beforeAll(async () => {
  receiver = await startReceiver();
  const org = await seedOrg(db);
  key = (await insertApiKey(db, org.id, "delivery", "admin")).key;
  api = apiClient(key);
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

/** An endpoint at `path` on the receiver. */
const endpointAt = async (appId: string, path: string, extra: object = {}) => ({ path, ...(await createEndpoint(api, appId, receiver.url(path), extra)) });

describe(`message delivery on ${kind}`, () => {
  it("delivers 500 messages to 3 endpoints: 1,500 signed webhooks, one successful attempt each", { timeout: 120_000 }, async () => {
    const app = await createApp(api, "Bulk");
    const endpoints = await Promise.all(["/bulk/a", "/bulk/b", "/bulk/c"].map((path) => endpointAt(app.id, path)));
    const started = Date.now();
    const ids: string[] = [];
    const COUNT = 500;
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < COUNT) {
          const i = next++;
          const message = await json<{ id: string }>(
            api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "order.created", payload: { i, note: "ünïcode ✓" } } }),
            202,
          );
          ids.push(message.id);
        }
      }),
    );
    const sentMs = Date.now() - started;
    const bulk = () => receiver.received.filter((r) => r.path.startsWith("/bulk/"));
    await until(() => bulk().length >= 3 * COUNT, "1,500 deliveries", 90_000);
    const deliveredMs = Date.now() - started;
    console.log(
      `[${kind}] 500 messages × 3 endpoints: API ${sentMs} ms, all 1,500 received after ${deliveredMs} ms (${Math.round((3 * COUNT * 1000) / deliveredMs)} deliveries/s)`,
    );

    // Once every delivery is recorded as succeeded, nothing more is sent: no duplicates came.
    await until(async () => (await db.delivery.count({ where: { appId: app.id, status: "succeeded" } })) === 3 * COUNT, "every delivery recorded");
    expect(bulk()).toHaveLength(3 * COUNT);
    const seen = new Set<string>();
    for (const endpoint of endpoints) {
      const webhook = new Webhook(endpoint.secret);
      const mine = bulk().filter((r) => r.path === endpoint.path);
      expect(mine).toHaveLength(COUNT);
      for (const r of mine) {
        const payload = webhook.verify(r.body, r.headers) as { i: number };
        expect(r.headers["user-agent"]).toBe("Pigeon-Webhooks/1.0");
        seen.add(`${endpoint.path}:${r.headers["webhook-id"]}:${payload.i}`);
      }
    }
    expect(seen.size).toBe(3 * COUNT);

    const attempts = await db.attempt.findMany({ where: { appId: app.id }, select: { deliveryId: true, succeeded: true, number: true, trigger: true } });
    expect(attempts).toHaveLength(3 * COUNT);
    expect(attempts.every((a) => a.succeeded && a.number === 1 && a.trigger === "scheduled")).toBe(true);
    expect(new Set(attempts.map((a) => a.deliveryId)).size).toBe(3 * COUNT);
    expect(await db.delivery.count({ where: { appId: app.id, status: "succeeded", nextAttemptAt: null } })).toBe(3 * COUNT);
    const stats = await db.endpointStat.aggregate({ where: { endpointId: { in: endpoints.map((e) => e.id) } }, _sum: { attempts: true, failures: true } });
    expect(stats._sum).toEqual({ attempts: 3 * COUNT, failures: 0 });
  });

  it("retries 500, 500, then succeeds on the 1 s / 2 s schedule", { timeout: 30_000 }, async () => {
    const app = await createApp(api, "Flaky");
    receiver.answer("/flaky", (_, n) => ({ status: n <= 2 ? 500 : 200 }));
    await endpointAt(app.id, "/flaky");
    const message = await json<{ id: string }>(api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: { retry: true } } }), 202);
    const delivery = await until(
      async () => (await db.delivery.findFirst({ where: { messageId: message.id, status: "succeeded" } })) ?? undefined,
      "the third attempt",
      20_000,
    );
    expect(delivery.attempts).toBe(3);
    const attempts = await db.attempt.findMany({ where: { deliveryId: delivery.id }, orderBy: { number: "asc" } });
    expect(attempts.map((a) => [a.number, a.responseStatus, a.succeeded, a.errorKind])).toEqual([
      [1, 500, false, "http_status"],
      [2, 500, false, "http_status"],
      [3, 200, true, null],
    ]);
    for (const a of attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);
    const stats = await db.endpointStat.aggregate({ where: { endpointId: delivery.endpointId }, _sum: { attempts: true, failures: true } });
    expect(stats._sum).toEqual({ attempts: 3, failures: 2 });
    const hits = receiver.requests("/flaky").map((r) => r.at);
    expect(hits).toHaveLength(3);
    const [gap1, gap2] = [hits[1]! - hits[0]!, hits[2]! - hits[1]!];
    console.log(`[${kind}] retry gaps: ${gap1} ms, ${gap2} ms`);
    // 1 s and 2 s with ±20 % jitter, plus some scheduling slack.
    expect(gap1).toBeGreaterThanOrEqual(800);
    expect(gap1).toBeLessThanOrEqual(1_800);
    expect(gap2).toBeGreaterThanOrEqual(1_600);
    expect(gap2).toBeLessThanOrEqual(3_000);
  });

  it("disables an endpoint that answers 410 Gone after one attempt", async () => {
    const app = await createApp(api, "Gone");
    receiver.answer("/gone", { status: 410 });
    const endpoint = await endpointAt(app.id, "/gone");
    const message = await json<{ id: string }>(api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: {} } }), 202);
    const disabled = await until(async () => {
      const out = await json<{ disabled: boolean; disabledReason: string | null }>(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}`));
      return out.disabled ? out : undefined;
    }, "the endpoint to be disabled");
    expect(disabled).toMatchObject({ disabled: true, disabledReason: "gone" });
    // A retry would come after 1 s (±20 %): that long must pass to see that none does.
    await sleep(1_500);
    expect(await db.attempt.count({ where: { messageId: message.id } })).toBe(1);
    expect(await db.delivery.findFirst({ where: { messageId: message.id } })).toMatchObject({ status: "paused", nextAttemptAt: null, attempts: 1 });
    // A disabled endpoint is sent nothing new; the message waits for it, paused, to be recovered.
    const later = await json<{ id: string }>(api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: {} } }), 202);
    expect(await db.delivery.findMany({ where: { messageId: later.id } })).toMatchObject([{ status: "paused", nextAttemptAt: null, attempts: 0 }]);
    // That nothing is sent can only be seen by waiting.
    await sleep(1_000);
    expect(await db.attempt.count({ where: { messageId: later.id } })).toBe(0);
    expect(await db.notice.count({ where: { endpointId: endpoint.id, kind: "endpoint.disabled" } })).toBe(1);
  });

  it("routes by event type and channel, and gets and lists messages", async () => {
    const app = await createApp(api, "Routing");
    const all = await endpointAt(app.id, "/route/all");
    const typed = await endpointAt(app.id, "/route/typed", { eventTypes: ["user.created"] });
    const eu = await endpointAt(app.id, "/route/eu", { channels: ["eu"] });
    const one = await json<{ id: string; payload?: unknown }>(
      api(`/api/v1/app/${app.id}/msg`, {
        method: "POST",
        json: { eventType: "user.created", payload: { n: 1 }, channels: ["eu"], eventId: "evt-1", tags: ["t"] },
      }),
      202,
    );
    const two = await json<{ id: string }>(
      api(`/api/v1/app/${app.id}/msg?with_content=false`, { method: "POST", json: { eventType: "user.deleted", payload: { n: 2 } } }),
      202,
    );
    const targets = async (id: string) => (await db.delivery.findMany({ where: { messageId: id } })).map((d) => d.endpointId).sort();
    expect(await targets(one.id)).toEqual([all.id, typed.id, eu.id].sort());
    expect(await targets(two.id)).toEqual([all.id]);

    expect(await json(api(`/api/v1/app/${app.id}/msg/${one.id}`), 200)).toMatchObject({
      id: one.id,
      eventType: "user.created",
      eventId: "evt-1",
      payload: { n: 1 },
      channels: ["eu"],
      tags: ["t"],
    });
    expect(await json(api(`/api/v1/app/${app.id}/msg/evt-1?with_content=false`), 200)).not.toHaveProperty("payload");
    const list = await json<{ data: { id: string }[]; done: boolean }>(api(`/api/v1/app/${app.id}/msg`), 200);
    expect(list.data.map((m) => m.id)).toEqual([two.id, one.id]);
    const byChannel = await json<{ data: { id: string }[] }>(api(`/api/v1/app/${app.id}/msg?channel=eu`), 200);
    expect(byChannel.data.map((m) => m.id)).toEqual([one.id]);
    const byType = await json<{ data: { id: string }[] }>(api(`/api/v1/app/${app.id}/msg?event_types=user.deleted&event_types=x.y`), 200);
    expect(byType.data.map((m) => m.id)).toEqual([two.id]);
    const future = await json<{ data: unknown[] }>(api(`/api/v1/app/${app.id}/msg?after=${new Date(Date.now() + 60_000).toISOString()}`), 200);
    expect(future.data).toEqual([]);
  });

  it("refuses a repeated eventId (409) and a payload over 1 MiB (413)", async () => {
    const app = await createApp(api, "Limits");
    await json(api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: {}, eventId: "once" } }), 202);
    const again = await json<{ code: string; detail: string }>(
      api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: {}, eventId: "once" } }),
      409,
    );
    expect(again.detail).toMatch(/eventId "once" already exists/);

    const huge = await json<{ code: string; detail: string }>(
      api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: { data: "x".repeat(2 * 1024 * 1024) } } }),
      413,
    );
    expect(huge).toMatchObject({ code: "payload_too_large" });
    // Small enough as a request, but the payload itself is just over the limit.
    const justOver = await json<{ detail: string }>(
      api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: { data: "x".repeat(1024 * 1024) } } }),
      413,
    );
    expect(justOver.detail).toMatch(/this organization's limit is 1,048,576 bytes \(1 MiB\)/); // the installation's default
    await json(api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "bad name", payload: {} } }), 422);
    await json(api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: [1] } }), 422);
  });

  it("works with the svix SDK's message.create", async () => {
    const svix = new Svix(key, { serverUrl: baseUrl });
    const app = await svix.application.create({ name: "SDK messages" });
    const endpoint = await svix.endpoint.create(app.id, { url: receiver.url("/sdk") });
    const { key: secret } = await svix.endpoint.getSecret(app.id, endpoint.id);
    const message = await svix.message.create(app.id, { eventType: "invoice.paid", eventId: "inv-1", payload: { amount: 42 } });
    // The SDK asks for no content back (with_content=false), as with Svix.
    expect(message).toMatchObject({ id: expect.stringMatching(/^msg_/), eventType: "invoice.paid", eventId: "inv-1" });
    expect(message.payload).toBeUndefined();
    expect(await svix.message.get(app.id, message.id, { withContent: true })).toMatchObject({ payload: { amount: 42 } });
    expect(message.timestamp).toBeInstanceOf(Date);
    const hit = await receiver.waitFor((r) => r.path === "/sdk", "the SDK message");
    expect(new Webhook(secret).verify(hit.body, hit.headers)).toEqual({ amount: 42 });
    expect(hit.headers["webhook-id"]).toBe(message.id);
    await expect(svix.message.create(app.id, { eventType: "invoice.paid", eventId: "inv-1", payload: {} })).rejects.toMatchObject({ code: 409 });
  });

  it("takes over a delivery whose lease ran out, and leaves a leased one alone", async () => {
    const app = await createApp(api, "Leases");
    const endpoint = await endpointAt(app.id, "/lease");
    const message = await json<{ id: string }>(api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: { first: true } } }), 202);
    await receiver.arrival(message.id, "/lease");
    // Two more messages whose deliveries look claimed by a crashed worker: one lease over, one not.
    const rows: { id: string }[] = [];
    for (const [name, offset] of [
      ["expired", -5_000],
      ["held", 60_000],
    ] as const) {
      const payload = JSON.stringify({ lease: name });
      const id = newId("message");
      await db.message.create({ data: { id, appId: app.id, eventType: "a.b", payload, payloadSize: payload.length } });
      rows.push(
        await db.delivery.create({
          data: {
            id: newId("delivery"),
            messageId: id,
            endpointId: endpoint.id,
            appId: app.id,
            status: "sending",
            leaseToken: "crashed",
            nextAttemptAt: new Date(Date.now() + offset),
          },
        }),
      );
    }
    await until(async () => (await db.delivery.findUnique({ where: { id: rows[0]!.id } }))?.status === "succeeded", "the expired lease to be taken over");
    expect(receiver.requests("/lease").map((r) => JSON.parse(r.body))).toEqual([{ first: true }, { lease: "expired" }]);
    expect(await db.delivery.findUnique({ where: { id: rows[1]!.id } })).toMatchObject({ status: "sending", leaseToken: "crashed", attempts: 0 });
    expect(message.id).toMatch(/^msg_/);
    // The held row would be taken over a minute from now; later tests expect a quiet queue.
    await db.delivery.delete({ where: { id: rows[1]!.id } });
  });

  it("guards POST /api/worker with PIGEON_WORKER_SECRET", { timeout: 90_000 }, async () => {
    expect((await fetch(`${baseUrl}/api/worker`, { method: "POST" })).status).toBe(404);
    const secret = "worker-secret-for-tests-0123456789";
    const server = await startServer({
      DATABASE_URL: inject("databaseUrl"),
      PIGEON_DATA_DIR: inject("dataDir"),
      ...testServerEnv,
      PIGEON_WORKER: "false",
      PIGEON_WORKER_SECRET: secret,
    });
    try {
      expect((await fetch(`${server.url}/api/worker`, { method: "POST" })).status).toBe(401);
      expect((await fetch(`${server.url}/api/worker`, { method: "POST", headers: { authorization: "Bearer wrong" } })).status).toBe(401);
      const auth = { authorization: `Bearer ${secret}` };
      expect((await fetch(`${server.url}/api/worker?seconds=61`, { method: "POST", headers: auth })).status).toBe(422);
      const drained = await json(fetch(`${server.url}/api/worker?seconds=2`, { method: "POST", headers: auth }), 200);
      expect(drained).toEqual({ attempted: expect.any(Number), succeeded: expect.any(Number), failed: expect.any(Number) });
    } finally {
      await server.stop();
    }
  });
});
