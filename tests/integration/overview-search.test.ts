import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { seedApp, seedEndpoint, seedOrg } from "@/lib/seed/factories";
import { type ApiClient, apiClient, json } from "../support/http";
import { type Receiver, startReceiver } from "../support/receiver";
import { sleep, until } from "../support/wait";

// The console's overview (organization and application) and the message log's payload
// search, count and bulk retry, against the real server.

const kind = inject("dbKind");
let receiver: Receiver;
let api: ApiClient;
let stranger: ApiClient;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  receiver = await startReceiver({ status: 200, body: "ok" });
  orgId = (await seedOrg(db)).id;
  otherOrgId = (await seedOrg(db)).id;
  api = apiClient((await insertApiKey(db, orgId, "overview", "admin")).key);
  stranger = apiClient((await insertApiKey(db, otherOrgId, "other", "admin")).key);
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

const minute = (offset = 0) => new Date(Math.floor(Date.now() / 60_000) * 60_000 - offset * 60_000);

async function message(appId: string, payload: unknown, at = Date.now(), eventType = "order.created") {
  const text = JSON.stringify(payload);
  return db.message.create({
    data: { id: newId("message", at), appId, eventType, payload: text, payloadSize: text.length, createdAt: new Date(at) },
  });
}

async function delivery(messageId: string, endpointId: string, appId: string, status: "pending" | "exhausted" | "succeeded", attempts = 3) {
  return db.delivery.create({
    data: { id: newId("delivery"), messageId, endpointId, appId, status, attempts, lastStatusCode: status === "exhausted" ? 500 : null },
  });
}

type Overview = {
  attempts: number;
  successRate: number | null;
  buckets: { success: number; fail: number }[];
  troubledEndpoints: { id: string; state: string; reason: string; appId: string }[];
  exhausted: { messageId: string }[];
  queue: { pending: number; capped: boolean; oldest: { messageId: string; ageSeconds: number } | null };
  durations: { sampled: number; p50: number | null; p95: number | null };
};

describe(`overview on ${kind}`, () => {
  it("shows a disabled endpoint and a failing one first, failures in the rate, the queue and attempt times; never another organization's", async () => {
    const app = await seedApp(db, orgId, { name: "Shop" });
    const disabled = await seedEndpoint(db, app.id, { url: "https://example.com/disabled" });
    await db.endpoint.update({
      where: { id: disabled.id },
      data: { disabled: true, disabledReason: "automatic", disabledDetail: "96% of 25 attempts failed in 24h", disabledAt: new Date() },
    });
    const failing = await seedEndpoint(db, app.id, { url: "https://example.com/failing" });
    const healthy = await seedEndpoint(db, app.id, { url: "https://example.com/healthy" });
    await db.endpointStat.createMany({
      data: [
        { endpointId: failing.id, minute: minute(1), attempts: 10, failures: 8 },
        { endpointId: healthy.id, minute: minute(2), attempts: 30, failures: 0 },
      ],
    });
    const exhaustedMsg = await message(app.id, { n: 1 });
    const exhaustedDelivery = await delivery(exhaustedMsg.id, failing.id, app.id, "exhausted");
    const waitingMsg = await message(app.id, { n: 2 }, Date.now() - 120_000);
    await delivery(waitingMsg.id, healthy.id, app.id, "pending", 0);
    for (const [i, ms] of [10, 20, 30, 40, 1000].entries()) {
      await db.attempt.create({
        data: {
          id: newId("attempt"),
          deliveryId: exhaustedDelivery.id,
          messageId: exhaustedMsg.id,
          endpointId: failing.id,
          appId: app.id,
          number: i + 1,
          trigger: "scheduled",
          succeeded: false,
          url: failing.url,
          requestHeaders: {},
          durationMs: ms,
        },
      });
    }
    // Another organization's trouble, which must never show.
    const otherApp = await seedApp(db, otherOrgId, { name: "Theirs" });
    const theirs = await seedEndpoint(db, otherApp.id, { url: "https://example.com/theirs" });
    await db.endpoint.update({ where: { id: theirs.id }, data: { disabled: true, disabledReason: "manual", disabledAt: new Date() } });
    await db.endpointStat.create({ data: { endpointId: theirs.id, minute: minute(1), attempts: 50, failures: 50 } });

    for (const path of ["/api/console/overview", `/api/console/apps/${app.id}/overview`]) {
      const overview = await json<Overview>(api(path));
      expect(overview.troubledEndpoints.map((e) => [e.id, e.state])).toEqual([
        [disabled.id, "disabled"],
        [failing.id, "failing"],
      ]);
      expect(overview.troubledEndpoints[0]!.reason).toBe("Disabled automatically: 96% of 25 attempts failed in 24h");
      expect(overview.troubledEndpoints[1]!.reason).toBe("80% of 10 attempts failed in 24 h");
      expect(overview.attempts).toBe(40);
      expect(overview.successRate).toBeCloseTo(32 / 40);
      expect(overview.buckets.reduce((s, b) => s + b.fail, 0)).toBe(8);
      expect(overview.queue).toMatchObject({ pending: 1, capped: false, oldest: { messageId: waitingMsg.id } });
      expect(overview.queue.oldest!.ageSeconds).toBeGreaterThanOrEqual(100);
      expect(overview.durations).toEqual({ sampled: 5, p50: 30, p95: 1000 });
    }
    // Per application: its exhausted deliveries, newest first.
    expect((await json<Overview>(api(`/api/console/apps/${app.id}/overview`))).exhausted.map((m) => m.messageId)).toEqual([exhaustedMsg.id]);

    const theirView = await json<Overview>(stranger("/api/console/overview?range=7d"));
    expect(theirView.troubledEndpoints.map((e) => e.id)).toEqual([theirs.id]);
    expect(theirView.attempts).toBe(50);
    expect(theirView.queue.pending).toBe(0);
    expect((await stranger(`/api/console/apps/${app.id}/overview`)).status).toBe(404);
    const bad = await stranger("/api/console/overview?range=1y");
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: "validation" });
  });
});

describe(`message log search on ${kind}`, () => {
  type Page = { data: { id: string }[]; total: { count: number; more: boolean }; search: { complete: boolean } | null; done: boolean };
  let appId: string;
  let wanted: string;
  let old: string;

  beforeAll(async () => {
    appId = (await seedApp(db, orgId, { name: "Search" })).id;
    for (let i = 0; i < 20; i++) await message(appId, { order: { id: `ord_${i}`, total: 100 + i }, note: "ord_7 is elsewhere" });
    wanted = (await message(appId, { order: { id: "ord_77", lines: [{ sku: "A-1", qty: 3 }] }, total: 12_345 })).id;
    old = (await message(appId, { order: { id: "ord_77" } }, Date.now() - 3 * 86_400_000)).id;
  });

  const log = (query: string) => api(`/api/console/apps/${appId}/message-log?${query}`);

  it("finds a message by a string or number value anywhere in its payload, within the window", async () => {
    const byString = await json<Page>(log("payload=ord_77"));
    expect(byString.data.map((m) => m.id)).toEqual([wanted]);
    expect(byString).toMatchObject({ total: { count: 1, more: false }, search: { complete: true }, done: true });
    expect((await json<Page>(log("payload=12345"))).data.map((m) => m.id)).toEqual([wanted]);
    expect((await json<Page>(log("payload=A-1"))).data.map((m) => m.id)).toEqual([wanted]);
    // Exact values only: a part of one, or a key, finds nothing.
    expect(await json<Page>(log("payload=ord_")).then((p) => p.data)).toEqual([]);
    expect(await json<Page>(log("payload=order")).then((p) => p.data)).toEqual([]);
    // The default window is the last 24 hours; a wider one (at most 7 days) reaches the older message.
    const after = new Date(Date.now() - 4 * 86_400_000).toISOString();
    expect((await json<Page>(log(`payload=ord_77&after=${encodeURIComponent(after)}`))).data.map((m) => m.id)).toEqual([wanted, old]);
    // Another organization cannot search this application.
    expect((await stranger(`/api/console/apps/${appId}/message-log?payload=ord_77`)).status).toBe(404);
  });

  it("answers bad search input with 422 JSON", async () => {
    const tooWide = new Date(Date.now() - 10 * 86_400_000).toISOString();
    for (const query of [`payload=ord_77&after=${encodeURIComponent(tooWide)}`, "payload=", `payload=${"x".repeat(300)}`, "payload=x&after=yesterday"]) {
      const response = await log(query);
      expect(response.status, query).toBe(422);
      expect(await response.json()).toMatchObject({ code: "validation", detail: expect.anything() });
    }
  });

  it("counts what the filters match", async () => {
    expect((await json<Page>(log("limit=5"))).total).toEqual({ count: 22, more: false });
    expect((await json<Page>(log("limit=5&event_type=order.refunded"))).total).toEqual({ count: 0, more: false });
  });
});

describe(`bulk retry on ${kind}`, () => {
  it("sends the filtered failures again, once for a repeated Idempotency-Key", async () => {
    const app = await seedApp(db, orgId, { name: "Retry" });
    // Made through the API, so it has a signing secret like any real endpoint.
    const endpoint = await json<{ id: string }>(api(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: { url: receiver.url("/retry") } }));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await message(app.id, { i }, Date.now(), "invoice.failed");
      ids.push(m.id);
      await delivery(m.id, endpoint.id, app.id, "exhausted");
    }
    const fine = await message(app.id, { ok: true }, Date.now(), "invoice.paid");
    await delivery(fine.id, endpoint.id, app.id, "exhausted");

    const query = `event_type=invoice.failed`;
    expect(await json(api(`/api/console/apps/${app.id}/message-log/retry?${query}`))).toEqual({ deliveries: 3, messages: 3, more: false });
    const post = () =>
      api(`/api/console/apps/${app.id}/message-log/retry?${query}`, { method: "POST", body: "{}", headers: { "idempotency-key": "retry-once" } });
    // Two at once: one runs; the other gets its answer replayed, or a 409 while it still ran. Never a second retry.
    const answers = await Promise.all([post(), post()]);
    const statuses = answers.map((a) => a.status).sort();
    expect([
      [202, 202],
      [202, 409],
    ]).toContainEqual(statuses);
    for (const answer of answers) if (answer.status === 202) expect(await answer.json()).toEqual({ deliveries: 3, messages: 3, more: false });
    expect(await json(post(), 202)).toEqual({ deliveries: 3, messages: 3, more: false });

    await until(() => receiver.requests("/retry").length >= 3, "the retried deliveries");
    await sleep(1_500);
    expect(
      receiver
        .requests("/retry")
        .map((r) => r.headers["webhook-id"])
        .sort(),
    ).toEqual([...ids].sort());
    expect(await db.auditEvent.count({ where: { action: "messages.retried", targetId: app.id } })).toBe(1);
    expect((await db.delivery.findFirst({ where: { messageId: fine.id } }))!.status).toBe("exhausted");
    // Another organization's key cannot retry these.
    expect((await stranger(`/api/console/apps/${app.id}/message-log/retry`, { method: "POST", body: "{}" })).status).toBe(404);
  });
});
