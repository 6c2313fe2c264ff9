import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { type ApiClient, apiClient, createApp, createEndpoint, json } from "../support/http";
import { type Receiver, startReceiver } from "../support/receiver";
import { until } from "../support/wait";

// POST /api/v1/app/{app_id}/msg/batch: up to 500 messages in one request and one
// transaction, each with its own result.

const kind = inject("dbKind");

interface BatchAnswer {
  data: { index: number; status: number; message?: { id: string; eventId: string | null; payload?: unknown }; error?: { code: string; detail: unknown } }[];
  accepted: number;
  failed: number;
}

let receiver: Receiver;
let api: ApiClient;
let orgId: string;

beforeAll(async () => {
  receiver = await startReceiver();
  orgId = (await seedOrg(db)).id;
  api = apiClient((await insertApiKey(db, orgId, "batch", "admin")).key);
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

const batch = (appId: string, messages: unknown, init: { headers?: Record<string, string>; query?: string } = {}) =>
  api(`/api/v1/app/${appId}/msg/batch${init.query ?? ""}`, { method: "POST", json: { messages }, headers: init.headers });

describe(`message batches on ${kind}`, () => {
  it("accepts 500 messages in one request and delivers each to every endpoint, signed, in the batch's order of ids", { timeout: 90_000 }, async () => {
    const app = await createApp(api, "Batch");
    const endpoints = await Promise.all(["/batch/a", "/batch/b"].map(async (path) => ({ path, ...(await createEndpoint(api, app.id, receiver.url(path))) })));
    const messages = Array.from({ length: 500 }, (_, i) => ({ eventType: "order.created", payload: { i }, eventId: `order-${i}`, tags: ["bulk"] }));
    const answer = await json<BatchAnswer>(batch(app.id, messages), 202);
    expect(answer).toMatchObject({ accepted: 500, failed: 0 });
    expect(answer.data.map((d) => d.index)).toEqual(messages.map((_, i) => i));
    const ids = answer.data.map((d) => d.message!.id);
    expect(new Set(ids).size).toBe(500);
    expect([...ids].sort()).toEqual(ids); // ids follow the batch's order
    expect(answer.data[7]!.message).toMatchObject({ eventId: "order-7" });
    expect(answer.data[7]!.message).not.toHaveProperty("payload"); // payloads only with with_content=true

    // One transaction: every message and delivery has the same time.
    const stored = await db.message.findMany({ where: { appId: app.id }, select: { createdAt: true } });
    expect(stored).toHaveLength(500);
    expect(new Set(stored.map((m) => m.createdAt.getTime())).size).toBe(1);

    const arrived = () => receiver.received.filter((r) => r.path.startsWith("/batch/"));
    await until(() => arrived().length >= 1000, "1,000 deliveries", 60_000);
    for (const endpoint of endpoints) {
      const webhook = new Webhook(endpoint.secret);
      const mine = arrived().filter((r) => r.path === endpoint.path);
      expect(new Set(mine.map((r) => (webhook.verify(r.body, r.headers) as { i: number }).i)).size).toBe(500);
    }
  });

  it("fails a duplicate eventId, an invalid message or a payload over the limit alone (207), and a bad batch as a whole", async () => {
    const app = await createApp(api, "Mixed");
    await json(api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: {}, eventId: "taken" } }), 202);
    const answer = await json<BatchAnswer>(
      batch(app.id, [
        { eventType: "a.b", payload: { n: 0 }, eventId: "fresh" },
        { eventType: "a.b", payload: { n: 1 }, eventId: "taken" },
        { eventType: "not valid!", payload: { n: 2 } },
        { eventType: "a.b", payload: { n: 3 }, eventId: "fresh" },
        { eventType: "a.b", payload: "not an object" },
        { eventType: "a.b", payload: { n: 5 } },
      ]),
      207,
    );
    expect(answer).toMatchObject({ accepted: 2, failed: 4 });
    expect(answer.data.map((d) => d.status)).toEqual([202, 409, 422, 409, 422, 202]);
    expect(answer.data[1]!.error).toEqual({ code: "conflict", detail: expect.stringContaining('"taken"') });
    expect((answer.data[2]!.error!.detail as { loc: unknown[] }[])[0]!.loc).toEqual(["body", "messages", 2, "eventType"]);
    expect(await db.message.count({ where: { appId: app.id } })).toBe(3);

    // The batch itself: empty, too many, not a list, not JSON.
    expect((await batch(app.id, [])).status).toBe(422);
    expect(
      (
        await batch(
          app.id,
          Array.from({ length: 501 }, () => ({ eventType: "a.b", payload: {} })),
        )
      ).status,
    ).toBe(422);
    expect((await batch(app.id, { eventType: "a.b" })).status).toBe(422);
    const notJson = await api(`/api/v1/app/${app.id}/msg/batch`, { method: "POST", body: "{oops" });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: expect.any(String), detail: expect.any(String) });
    expect((await api(`/api/v1/app/${app.id}/msg/batch`)).status).toBe(405);
  });

  it("holds the organization's payload limit per message and PIGEON_MAX_BATCH_BYTES in total", async () => {
    const small = await seedOrg(db);
    await db.organization.update({ where: { id: small.id }, data: { maxPayloadBytes: 2048 } });
    const smallApi = apiClient((await insertApiKey(db, small.id, "small", "admin")).key);
    const app = await createApp(smallApi, "Small");
    const answer = await json<BatchAnswer>(
      smallApi(`/api/v1/app/${app.id}/msg/batch`, {
        method: "POST",
        json: {
          messages: [
            { eventType: "a.b", payload: { big: "x".repeat(3000) } },
            { eventType: "a.b", payload: { ok: true } },
          ],
        },
      }),
      207,
    );
    expect(answer.data.map((d) => d.status)).toEqual([413, 202]);
    expect(answer.data[0]!.error).toMatchObject({ code: "payload_too_large", detail: expect.stringContaining("2,048 bytes") });

    // The whole body: the default 8 MiB, refused before it is read.
    const huge = Array.from({ length: 10 }, () => ({ eventType: "a.b", payload: { big: "y".repeat(900 * 1024) } }));
    const refused = await batch((await createApp(api, "Huge")).id, huge);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ code: "payload_too_large" });
  });

  it("answers a repeat with the same Idempotency-Key with the first answer, storing nothing twice", async () => {
    const app = await createApp(api, "Idempotent");
    const messages = Array.from({ length: 20 }, (_, i) => ({ eventType: "a.b", payload: { i } }));
    const headers = { "idempotency-key": `batch-${Date.now()}` };
    const first = await batch(app.id, messages, { headers });
    const second = await batch(app.id, messages, { headers });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const [a, b] = [(await first.json()) as BatchAnswer, (await second.json()) as BatchAnswer];
    expect(b.data.map((d) => d.message!.id)).toEqual(a.data.map((d) => d.message!.id));
    expect(await db.message.count({ where: { appId: app.id } })).toBe(20);
    // The stable ids of a batch follow its order too.
    const ids = a.data.map((d) => d.message!.id);
    expect([...ids].sort()).toEqual(ids);
  });

  it("returns payloads with with_content=true; another organization's application is a 404", async () => {
    const app = await createApp(api, "Content");
    const answer = await json<BatchAnswer>(batch(app.id, [{ eventType: "a.b", payload: { hello: "world" } }], { query: "?with_content=true" }), 202);
    expect(answer.data[0]!.message!.payload).toEqual({ hello: "world" });

    const other = apiClient((await insertApiKey(db, (await seedOrg(db)).id, "other", "admin")).key);
    const hidden = await other(`/api/v1/app/${app.id}/msg/batch`, { method: "POST", json: { messages: [{ eventType: "a.b", payload: {} }] } });
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ code: "not_found" });
    expect(await db.message.count({ where: { appId: app.id } })).toBe(1);
  });
});
