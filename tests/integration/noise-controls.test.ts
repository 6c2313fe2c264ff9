import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { type ApiClient, apiClient, createApp, createEndpoint, json } from "../support/http";
import { type Receiver, type Received, startReceiver } from "../support/receiver";
import { sleep, until } from "../support/wait";

// Endpoint options against noise: batching (several messages in one signed POST, a failed
// batch retried whole) and FIFO ordering (one at a time, in order, never holding up
// another endpoint).

const kind = inject("dbKind");

let receiver: Receiver;
let api: ApiClient;

beforeAll(async () => {
  receiver = await startReceiver();
  api = apiClient((await insertApiKey(db, (await seedOrg(db)).id, "noise", "admin")).key);
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

interface Entry {
  id: string;
  eventType: string;
  timestamp: string;
  payload: { n: number };
}

/** Sends `count` messages numbered from 1, `per` to a bulk request; returns their ids in order. */
async function sendNumbered(appId: string, count: number, per = 100): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 1; from <= count; from += per) {
    const messages = Array.from({ length: Math.min(per, count - from + 1) }, (_, i) => ({ eventType: "order.placed", payload: { n: from + i } }));
    const answer = await json<{ data: { status: number; message: { id: string } }[] }>(
      api(`/api/v1/app/${appId}/msg/batch`, { method: "POST", json: { messages } }),
      202,
    );
    ids.push(...answer.data.map((d) => d.message.id));
  }
  return ids;
}

const numberOf = (request: Received) => (JSON.parse(request.body) as { n: number }).n;

describe(`noise controls on ${kind}`, () => {
  it("carries 1,000 messages to a batching endpoint in at most 11 signed POSTs, each message once", { timeout: 120_000 }, async () => {
    const app = await createApp(api, "Batching");
    const endpoint = await createEndpoint(api, app.id, receiver.url("/batched"), { batch: { maxSize: 100, maxWaitMs: 2000 } });
    expect(endpoint).toMatchObject({ batch: { maxSize: 100, maxWaitMs: 2000 }, ordering: "unordered" });

    const ids = await sendNumbered(app.id, 1000);
    await until(async () => receiver.requests("/batched").reduce((n, r) => n + (JSON.parse(r.body) as unknown[]).length, 0) >= 1000, "1,000 messages", 60_000);
    await sleep(1_000);
    const posts = receiver.requests("/batched");
    expect(posts.length).toBeLessThanOrEqual(11);
    const webhook = new Webhook(endpoint.secret);
    const seen: string[] = [];
    for (const post of posts) {
      const entries = webhook.verify(post.body, post.headers) as Entry[];
      expect(post.headers["webhook-id"]).toMatch(/^batch_/);
      expect(entries.length).toBeLessThanOrEqual(100);
      for (const entry of entries) {
        expect(entry).toMatchObject({ eventType: "order.placed" });
        expect(Number.isNaN(Date.parse(entry.timestamp))).toBe(false);
      }
      seen.push(...entries.map((e) => e.id));
    }
    expect(seen.sort()).toEqual([...ids].sort());

    // Every message's attempt names the batch it went in, and the endpoint lists its batches.
    const attempt = await db.attempt.findFirstOrThrow({ where: { messageId: ids[0] } });
    expect(attempt.batchId).toBe(posts.find((p) => (JSON.parse(p.body) as Entry[]).some((e) => e.id === ids[0]))!.headers["webhook-id"]);
    const batches = await json<{ data: { id: string; size: number; attempts: number; succeeded: boolean }[] }>(
      api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/batch`),
    );
    expect(batches.data.length).toBe(posts.length);
    expect(batches.data.reduce((n, b) => n + b.size, 0)).toBe(1000);
    expect(batches.data.every((b) => b.succeeded && b.attempts === 1)).toBe(true);
  });

  it("retries a failing batch whole, under the same webhook-id, and sends a resent message alone", { timeout: 60_000 }, async () => {
    const app = await createApp(api, "Batch retry");
    await db.application.update({ where: { id: app.id }, data: { retrySchedule: [1, 1, 1] } });
    receiver.answer("/batch-retry", (_request, n) => ({ status: n <= 2 ? 503 : 200 }));
    const endpoint = await createEndpoint(api, app.id, receiver.url("/batch-retry"), { batch: { maxSize: 10, maxWaitMs: 500 } });
    const ids = await sendNumbered(app.id, 10);

    await until(() => receiver.requests("/batch-retry").length >= 3, "the batch three times", 30_000);
    const posts = receiver.requests("/batch-retry");
    expect(new Set(posts.map((p) => p.headers["webhook-id"])).size).toBe(1);
    const webhook = new Webhook(endpoint.secret);
    for (const post of posts) expect((webhook.verify(post.body, post.headers) as Entry[]).map((e) => e.id)).toEqual(ids);
    await until(async () => (await db.delivery.count({ where: { endpointId: endpoint.id, status: "succeeded" } })) === 10, "all succeeded");
    const attempts = await db.attempt.findMany({ where: { endpointId: endpoint.id } });
    expect(attempts.length).toBe(30);
    expect(new Set(attempts.map((a) => a.batchId))).toEqual(new Set([posts[0]!.headers["webhook-id"]]));

    const resend = await api(`/api/v1/app/${app.id}/msg/${ids[3]}/endpoint/${endpoint.id}/resend`, { method: "POST" });
    expect(resend.status).toBe(202);
    const alone = await receiver.arrival(ids[3]!, "/batch-retry");
    expect(numberOf(alone)).toBe(4);
  });

  it("counts a batch as one request against the endpoint's throttleRate", { timeout: 60_000 }, async () => {
    const app = await createApp(api, "Batch throttle");
    await createEndpoint(api, app.id, receiver.url("/batch-throttle"), { throttleRate: 1, batch: { maxSize: 10, maxWaitMs: 200 } });
    const started = Date.now();
    await sendNumbered(app.id, 30, 30);
    // At one message a second this would take half a minute; at one POST a second, about three seconds.
    await until(() => receiver.requests("/batch-throttle").reduce((n, r) => n + (JSON.parse(r.body) as unknown[]).length, 0) >= 30, "30 messages", 15_000);
    const posts = receiver.requests("/batch-throttle");
    expect(posts.length).toBeLessThanOrEqual(4);
    // One request in each second (the throttle's windows are whole seconds).
    expect(new Set(posts.map((p) => Math.floor(p.at / 1000))).size).toBe(posts.length);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("sends a FIFO endpoint's messages in strict order through failures, while another endpoint gets everything at once", { timeout: 120_000 }, async () => {
    const app = await createApp(api, "FIFO");
    await db.application.update({ where: { id: app.id }, data: { retrySchedule: [1, 1, 1, 1] } });
    let failures = 0;
    receiver.answer("/fifo", (request) => (numberOf(request) === 5 && failures++ < 3 ? { status: 500 } : {}));
    receiver.answer("/unordered", { delayMs: 0 });
    const fifo = await createEndpoint(api, app.id, receiver.url("/fifo"), { ordering: "fifo" });
    expect(fifo).toMatchObject({ ordering: "fifo", fifoOnExhausted: "skip", batch: null });
    await createEndpoint(api, app.id, receiver.url("/unordered"));

    const ids = await sendNumbered(app.id, 1000);
    // The other endpoint is not held up: it has everything while the FIFO one is still early on.
    await until(() => receiver.requests("/unordered").length >= 1000, "the unordered endpoint's 1,000", 60_000);
    await until(() => new Set(receiver.requests("/fifo").map(numberOf)).size >= 1000, "the FIFO endpoint's 1,000", 100_000);

    const fifoNumbers = receiver.requests("/fifo").map(numberOf);
    // Message 5 three times (failed), then once more; every other message once, in order.
    expect(fifoNumbers).toEqual([1, 2, 3, 4, 5, 5, 5, 5, ...Array.from({ length: 995 }, (_, i) => i + 6)]);
    const unorderedDone = Math.max(...receiver.requests("/unordered").map((r) => r.at));
    const fifoAfterFive = receiver.requests("/fifo").find((r) => numberOf(r) === 6)!.at;
    expect(unorderedDone).toBeLessThan(receiver.requests("/fifo").at(-1)!.at);
    expect(fifoAfterFive).toBeGreaterThan(receiver.requests("/fifo").find((r) => numberOf(r) === 5)!.at);
    expect(ids.length).toBe(1000);
  });

  it("sends a FIFO batching endpoint's batches in order, each after the one before succeeded", { timeout: 60_000 }, async () => {
    const app = await createApp(api, "FIFO batches");
    await db.application.update({ where: { id: app.id }, data: { retrySchedule: [1, 1] } });
    receiver.answer("/fifo-batches", (_request, n) => (n === 2 ? { status: 500 } : {}));
    const endpoint = await createEndpoint(api, app.id, receiver.url("/fifo-batches"), { ordering: "fifo", batch: { maxSize: 10, maxWaitMs: 300 } });
    await sendNumbered(app.id, 50, 50);
    await until(async () => (await db.delivery.count({ where: { endpointId: endpoint.id, status: "succeeded" } })) === 50, "all 50", 30_000);
    const batches = receiver
      .requests("/fifo-batches")
      .map((r) => ({ id: r.headers["webhook-id"], numbers: (JSON.parse(r.body) as Entry[]).map((e) => e.payload.n) }));
    // The second batch failed once and went again before any later one.
    expect(batches[2]!.id).toBe(batches[1]!.id);
    const delivered = batches.filter((b, i) => i !== 1).flatMap((b) => b.numbers);
    expect(delivered).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(batches.every((b) => b.numbers.length <= 10)).toBe(true);
  });

  it("halts a FIFO endpoint at an exhausted message when asked to, until it is resent; skips it otherwise", { timeout: 60_000 }, async () => {
    const app = await createApp(api, "FIFO halt");
    await db.application.update({ where: { id: app.id }, data: { retrySchedule: [1] } });
    let healed = false;
    const failThree = (request: Received) => (numberOf(request) === 3 && !healed ? { status: 500 } : {});
    receiver.answer("/fifo-halt", failThree);
    receiver.answer("/fifo-skip", failThree);
    const halting = await createEndpoint(api, app.id, receiver.url("/fifo-halt"), { ordering: "fifo", fifoOnExhausted: "halt" });
    await createEndpoint(api, app.id, receiver.url("/fifo-skip"), { ordering: "fifo" });
    const ids = await sendNumbered(app.id, 6);

    await until(() => receiver.requests("/fifo-skip").length >= 7, "skip: all six, message 3 twice", 20_000);
    expect(receiver.requests("/fifo-skip").map(numberOf)).toEqual([1, 2, 3, 3, 4, 5, 6]);
    await sleep(2_000);
    expect(receiver.requests("/fifo-halt").map(numberOf)).toEqual([1, 2, 3, 3]);

    healed = true;
    expect((await api(`/api/v1/app/${app.id}/msg/${ids[2]}/endpoint/${halting.id}/resend`, { method: "POST" })).status).toBe(202);
    await until(() => receiver.requests("/fifo-halt").length >= 8, "halt: the rest once message 3 got through", 20_000);
    expect(receiver.requests("/fifo-halt").map(numberOf)).toEqual([1, 2, 3, 3, 3, 4, 5, 6]);
  });

  it("refuses options that do not fit, with 422 naming the field", async () => {
    const app = await createApp(api, "Noise input");
    const refused = async (body: object, loc: string[]) => {
      const answer = await json<{ code: string; detail: { loc: string[] }[] }>(api(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: body }), 422);
      expect(answer.detail[0]!.loc).toEqual(["body", ...loc]);
    };
    const url = receiver.url("/noise-input");
    await refused({ url, batch: { maxSize: 0 } }, ["batch", "maxSize"]);
    await refused({ url, batch: { maxSize: 10, maxWaitMs: 600_000 } }, ["batch", "maxWaitMs"]);
    await refused({ url, batch: { maxWaitMs: 10 } }, ["batch", "maxSize"]);
    await refused({ url, ordering: "lifo" }, ["ordering"]);
    await refused({ url, ordering: "fifo", fifoOnExhausted: "retry" }, ["fifoOnExhausted"]);
    await refused({ type: "polling", batch: { maxSize: 10 } }, ["batch"]);
    await refused({ type: "polling", ordering: "fifo" }, ["ordering"]);

    // PATCH turns batching on and off; PUT without the fields turns them off.
    const endpoint = await createEndpoint(api, app.id, url);
    const on = await json(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}`, { method: "PATCH", json: { batch: { maxSize: 5 }, ordering: "fifo" } }));
    expect(on).toMatchObject({ batch: { maxSize: 5, maxWaitMs: 2000 }, ordering: "fifo" });
    const off = await json(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}`, { method: "PUT", json: { url } }));
    expect(off).toMatchObject({ batch: null, ordering: "unordered", fifoOnExhausted: "skip" });
    const bad = await json<{ detail: { loc: string[] }[] }>(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/batch?iterator=nope`), 422);
    expect(bad.detail[0]!.loc).toEqual(["query", "iterator"]);
    expect((await api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/batch/batch_01ARZ3NDEKTSV4RRFFQ69G5FAV`)).status).toBe(404);
  });
});
