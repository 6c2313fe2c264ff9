import { Svix } from "svix";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { seedOrg } from "@/lib/seed/factories";
import { type ApiClient, apiClient, createApp, json } from "../support/http";
import { until } from "../support/wait";

// Polling endpoints: Svix's messagePoller API through the svix SDK, consumers kept by the
// server, seek, a late-committed message, the endpoint's token and its SSE stream.

const kind = inject("dbKind");
const baseUrl = inject("baseUrl");

let api: ApiClient;
let svix: Svix;
let orgId: string;

beforeAll(async () => {
  orgId = (await seedOrg(db)).id;
  const key = (await insertApiKey(db, orgId, "poller", "admin")).key;
  api = apiClient(key);
  svix = new Svix(key, { serverUrl: baseUrl });
});
afterAll(() => db.$disconnect());

interface PollingEndpoint {
  id: string;
  type: string;
  url: string;
  token: string;
  tokenPrefix: string;
}

const createPolling = (appId: string, extra: object = {}) =>
  json<PollingEndpoint>(api(`/api/v1/app/${appId}/endpoint`, { method: "POST", json: { type: "polling", ...extra } }), 201);

const TYPES = ["order.created", "order.paid", "user.signed_up"];

/** Sends `count` messages in batches; every third is a user.signed_up (filtered out below). Returns their ids in order. */
async function sendMessages(appId: string, count: number, from = 0): Promise<{ id: string; eventType: string }[]> {
  const sent: { id: string; eventType: string }[] = [];
  for (let start = from; start < from + count; start += 500) {
    const messages = Array.from({ length: Math.min(500, from + count - start) }, (_, i) => ({
      eventType: TYPES[(start + i) % 3]!,
      payload: { n: start + i },
      channels: (start + i) % 2 === 0 ? ["even"] : ["odd"],
    }));
    const answer = await json<{ data: { message: { id: string } }[] }>(api(`/api/v1/app/${appId}/msg/batch`, { method: "POST", json: { messages } }), 202);
    sent.push(...answer.data.map((d, i) => ({ id: d.message.id, eventType: messages[i]!.eventType })));
  }
  return sent;
}

/** Every page of poll() from `iterator` until done. */
async function pollAll(client: Svix, appId: string, sinkId: string, options: { iterator?: string; eventType?: string; channel?: string; limit?: number } = {}) {
  const ids: string[] = [];
  let iterator = options.iterator;
  for (;;) {
    const page = await client.message.poller.poll(appId, sinkId, { ...options, iterator, limit: options.limit ?? 150 });
    ids.push(...page.data.map((m) => m.id));
    iterator = page.iterator;
    if (page.done) return { ids, iterator };
  }
}

describe(`polling endpoints on ${kind}`, () => {
  it(
    "pages 1,000 messages through the svix SDK's poll, consumerPoll and consumerSeek, filtered, none missing or repeated, a late commit included",
    { timeout: 120_000 },
    async () => {
      const app = await createApp(api, "Poller");
      const endpoint = await createPolling(app.id, { eventTypes: ["order.created", "order.paid"], description: "warehouse" });
      expect(endpoint).toMatchObject({ type: "polling", url: "", token: expect.stringMatching(/^pgs_/) });
      expect((await json<{ type: string; token?: string }>(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}`))).token).toBeUndefined();

      const sent = await sendMessages(app.id, 500);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const middle = new Date();
      await new Promise((resolve) => setTimeout(resolve, 30));
      sent.push(...(await sendMessages(app.id, 500, 500)));
      const wanted = sent.filter((m) => m.eventType !== "user.signed_up").map((m) => m.id);
      expect(wanted.length).toBe(667);

      // poll: every matching message once, in order.
      const first = await pollAll(svix, app.id, endpoint.id);
      expect(first.ids).toEqual(wanted);
      const page = await svix.message.poller.poll(app.id, endpoint.id, { limit: 1 });
      expect(page.data[0]).toMatchObject({ eventType: "order.created", payload: { n: 0 }, channels: ["even"] });
      expect(page.data[0]!.timestamp).toBeInstanceOf(Date);
      // Signed like a webhook: the headers verify against the payload's exact bytes.
      const { key: secret } = await json<{ key: string }>(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret`));
      expect(new Webhook(secret).verify(JSON.stringify(page.data[0]!.payload), page.data[0]!.headers as Record<string, string>)).toEqual({ n: 0 });

      // Filters of the request narrow further.
      expect((await pollAll(svix, app.id, endpoint.id, { eventType: "order.paid" })).ids).toEqual(
        sent.filter((m) => m.eventType === "order.paid").map((m) => m.id),
      );
      const odd = await pollAll(svix, app.id, endpoint.id, { channel: "odd" });
      expect(odd.ids.length).toBe(wanted.filter((id) => sent.findIndex((m) => m.id === id) % 2 === 1).length);

      // A message whose id was taken before the last page was read, but which committed after
      // (a slow transaction): forced by storing it now with an id of a minute ago.
      const late = newId("message", Date.now() - 60_000);
      await db.message.create({ data: { id: late, appId: app.id, eventType: "order.paid", payload: `{"late":true}`, payloadSize: 13, createdAt: new Date() } });
      await db.delivery.create({ data: { id: newId("delivery"), messageId: late, endpointId: endpoint.id, appId: app.id, status: "pending" } });
      expect(late < wanted.at(-1)!).toBe(true);
      const more = await sendMessages(app.id, 3, 1_000);
      const after = await pollAll(svix, app.id, endpoint.id, { iterator: first.iterator });
      expect(after.ids).toEqual([late, ...more.filter((m) => m.eventType !== "user.signed_up").map((m) => m.id)]);
      const everything = [...wanted, ...after.ids];

      // consumerPoll: the server keeps the position; no iterator needed, nothing repeated.
      const consumed: string[] = [];
      for (let i = 0; i < 100; i++) {
        const next = await svix.message.poller.consumerPoll(app.id, endpoint.id, "billing", { limit: 100 });
        consumed.push(...next.data.map((m) => m.id));
        if (next.done) break;
      }
      expect(consumed).toEqual(everything);
      expect((await svix.message.poller.consumerPoll(app.id, endpoint.id, "billing")).data).toEqual([]);
      // Another consumer has its own position.
      expect((await svix.message.poller.consumerPoll(app.id, endpoint.id, "audit", { limit: 5 })).data.map((m) => m.id)).toEqual(everything.slice(0, 5));

      // consumerSeek: back to a time; the consumer continues from the first message at or after it.
      const seek = await svix.message.poller.consumerSeek(app.id, endpoint.id, "billing", { after: middle });
      expect(seek.iterator).toMatch(/^pos_\d+$/);
      const again = await svix.message.poller.consumerPoll(app.id, endpoint.id, "billing", { limit: 1000 });
      const secondBatch = sent.slice(500).filter((m) => m.eventType !== "user.signed_up")[0]!.id;
      expect(again.data.map((m) => m.id)).toEqual(everything.slice(everything.indexOf(secondBatch)));

      // The consumers, their lag and last poll.
      const consumers = await json<{ data: { consumerId: string; lag: number; lastPollAt: string | null }[] }>(
        api(`/api/v1/app/${app.id}/poller/${endpoint.id}/consumer`),
      );
      expect(consumers.data.map((c) => c.consumerId)).toEqual(["audit", "billing"]);
      expect(consumers.data[0]!.lag).toBe(everything.length - 5);
      expect(consumers.data[1]).toMatchObject({ lag: 0, lastPollAt: expect.any(String) });

      // Each message read is recorded as delivered once, with its attempt.
      const deliveries = await db.delivery.groupBy({ by: ["status"], where: { endpointId: endpoint.id }, _count: true });
      expect(deliveries).toEqual([{ status: "succeeded", _count: everything.length }]);
      expect(await db.attempt.count({ where: { endpointId: endpoint.id } })).toBe(everything.length);
    },
  );

  it("answers bad iterators, limits and consumer ids with 422, a webhook endpoint or another organization's with 404", async () => {
    const app = await createApp(api, "Bad polls");
    const endpoint = await createPolling(app.id);
    for (const query of ["iterator=nope", "limit=0", "limit=5000", "after=yesterday", "event_type=bad type"]) {
      const answer = await json<{ code: string }>(api(`/api/v1/app/${app.id}/poller/${endpoint.id}?${query}`), 422);
      expect(answer.code).toBe("validation");
    }
    await json(api(`/api/v1/app/${app.id}/poller/${endpoint.id}/consumer/${"x".repeat(300)}`), 422);
    await json(api(`/api/v1/app/${app.id}/poller/${endpoint.id}/consumer/c1/seek`, { method: "POST", json: { after: "soon" } }), 422);
    const webhook = await json<{ id: string }>(api(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: { url: "http://127.0.0.1:9/webhook" } }), 201);
    await json(api(`/api/v1/app/${app.id}/poller/${webhook.id}`), 404);
    await json(api(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: { type: "polling", url: "https://example.com/x" } }), 422);
    await json(api(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: { type: "carrier-pigeon" } }), 422);
    // Nothing is sent to a polling endpoint by hand either.
    await json(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/send-example`, { method: "POST", json: { eventType: "a.b" } }), 409);
    const other = apiClient((await insertApiKey(db, (await seedOrg(db)).id, "other", "admin")).key);
    await json(other(`/api/v1/app/${app.id}/poller/${endpoint.id}`), 404);
  });

  it("scopes a polling endpoint's token to that endpoint: it reads its messages and nothing else, and a rotated token stops working", async () => {
    const app = await createApp(api, "Tokens");
    const mine = await createPolling(app.id);
    const theirs = await createPolling(app.id);
    await sendMessages(app.id, 3);
    const asToken = new Svix(mine.token, { serverUrl: baseUrl });
    expect((await asToken.message.poller.poll(app.id, mine.id)).data).toHaveLength(3);
    expect((await asToken.message.poller.consumerPoll(app.id, mine.id, "cli")).data).toHaveLength(3);
    const token = apiClient(mine.token);
    await json(token(`/api/v1/app/${app.id}/poller/${theirs.id}`), 404);
    await json(token(`/api/v1/app/${app.id}/endpoint/${theirs.id}/secret`), 404);
    await json(token(`/api/v1/app/${app.id}/endpoint/${mine.id}/secret`), 200);
    for (const path of ["/api/v1/app", `/api/v1/app/${app.id}/endpoint`, `/api/v1/app/${app.id}/endpoint/${mine.id}`, `/api/v1/app/${app.id}/msg`]) {
      expect((await json<{ code: string }>(token(path), 403)).code).toBe("forbidden");
    }
    await json(token(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: {} } }), 403);
    await json(token(`/api/v1/app/${app.id}/endpoint/${mine.id}/token/rotate`, { method: "POST" }), 403);

    const rotated = await json<{ token: string }>(api(`/api/v1/app/${app.id}/endpoint/${mine.id}/token/rotate`, { method: "POST" }));
    expect(rotated.token).not.toBe(mine.token);
    expect((await json<{ code: string }>(token(`/api/v1/app/${app.id}/poller/${mine.id}`), 401)).code).toBe("unauthorized");
    await json(apiClient(rotated.token)(`/api/v1/app/${app.id}/poller/${mine.id}`), 200);
  });

  it("moves a consumer with an acknowledgement, and a stream alone does not move it", async () => {
    const app = await createApp(api, "Acks");
    const endpoint = await createPolling(app.id);
    const sent = (await sendMessages(app.id, 6)).map((m) => m.id);
    const token = apiClient(endpoint.token);
    const consumers = async () =>
      (await json<{ data: { consumerId: string; lag: number }[] }>(api(`/api/v1/app/${app.id}/poller/${endpoint.id}/consumer`))).data;
    // Streamed to "cli", not acknowledged: its position stays at the start.
    const controller = new AbortController();
    const stream = await fetch(`${baseUrl}/api/v1/app/${app.id}/poller/${endpoint.id}/stream?consumer=cli&token=${encodeURIComponent(endpoint.token)}`, {
      signal: controller.signal,
    });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while ((text.match(/^id: /gm) ?? []).length < 6) text += (await reader.read()).value ?? "";
    controller.abort();
    expect(await consumers()).toEqual([expect.objectContaining({ consumerId: "cli", lag: 6 })]);
    await json(token(`/api/v1/app/${app.id}/poller/${endpoint.id}/consumer/cli/ack`, { method: "POST", json: { id: sent[3] } }));
    expect(await consumers()).toEqual([expect.objectContaining({ consumerId: "cli", lag: 2 })]);
    expect((await svix.message.poller.consumerPoll(app.id, endpoint.id, "cli")).data.map((m) => m.id)).toEqual(sent.slice(4));
    await json(token(`/api/v1/app/${app.id}/poller/${endpoint.id}/consumer/cli/ack`, { method: "POST", json: { id: "msg_01ARZ3NDEKTSV4RRFFQ69G5FAV" } }), 422);
    await json(token(`/api/v1/app/${app.id}/poller/${endpoint.id}/consumer/cli/ack`, { method: "POST", json: { id: "nope" } }), 422);
  });

  it("holds at most 16 open streams of one polling endpoint (429 beyond), and frees a slot when a stream closes", { timeout: 60_000 }, async () => {
    const app = await createApp(api, "Stream slots");
    const endpoint = await createPolling(app.id);
    const url = `${baseUrl}/api/v1/app/${app.id}/poller/${endpoint.id}/stream?token=${encodeURIComponent(endpoint.token)}`;
    const open = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const controller = new AbortController();
        const response = await fetch(url, { signal: controller.signal });
        expect(response.status).toBe(200);
        return { controller, response };
      }),
    );
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect((await refused.json()) as { code: string }).toMatchObject({ code: "rate_limited" });
    open[0]!.controller.abort();
    await until(async () => {
      const again = await fetch(url);
      if (again.status !== 200) return false;
      await again.body!.cancel();
      return true;
    }, "a slot to be freed");
    for (const stream of open.slice(1)) stream.controller.abort();
  });

  it("streams 1,000 messages as Server-Sent Events in order, and resumes after Last-Event-ID with nothing lost", { timeout: 120_000 }, async () => {
    const app = await createApp(api, "Stream");
    const endpoint = await createPolling(app.id, { eventTypes: ["order.created", "order.paid"] });
    const { key: secret } = await json<{ key: string }>(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret`));
    const webhook = new Webhook(secret);
    const sent = await sendMessages(app.id, 600);
    const url = `${baseUrl}/api/v1/app/${app.id}/poller/${endpoint.id}/stream?token=${encodeURIComponent(endpoint.token)}`;

    const received: string[] = [];
    // Reads events until `stopAfter` have come, then cuts the connection.
    async function read(stopAfter: number, lastEventId?: string) {
      const controller = new AbortController();
      const response = await fetch(url, { headers: lastEventId ? { "last-event-id": lastEventId } : {}, signal: controller.signal });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const decoder = new TextDecoderStream();
      const reader = response.body!.pipeThrough(decoder).getReader();
      let buffer = "";
      let count = 0;
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split("\n").find((line) => line.startsWith("data: "));
            if (!data) continue;
            const event = JSON.parse(data.slice(6)) as { id: string; body: string; headers: Record<string, string> };
            expect(block).toContain(`id: ${event.id}\n`);
            webhook.verify(event.body, event.headers);
            received.push(event.id);
            if (++count >= stopAfter) return;
          }
        }
      } finally {
        controller.abort();
        await reader.cancel().catch(() => {});
      }
    }

    await read(250);
    expect(received).toHaveLength(250);
    // Sent while no one listened, and while the stream is open.
    const more = sendMessages(app.id, 900, 600);
    await read(1_000 - 250, received.at(-1));
    await more;
    const wanted = [...sent, ...(await more)].filter((m) => m.eventType !== "user.signed_up").map((m) => m.id);
    expect(received).toEqual(wanted.slice(0, 1_000));
    expect(new Set(received).size).toBe(1_000);
  });
});

describe(`a polling endpoint's WebSocket on ${kind}`, () => {
  it("sends 1,000 messages in order; after a cut, what was not acknowledged is sent again and nothing is lost", { timeout: 120_000 }, async () => {
    const { WebSocket } = await import("ws");
    const app = await createApp(api, "Socket");
    const endpoint = await createPolling(app.id, { eventTypes: ["order.created", "order.paid"] });
    const { key: secret } = await json<{ key: string }>(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret`));
    const webhook = new Webhook(secret);
    const sent = await sendMessages(app.id, 1_500);
    const wanted = sent.filter((m) => m.eventType !== "user.signed_up").map((m) => m.id);
    const wsUrl = `${baseUrl.replace(/^http/, "ws")}/api/v1/app/${app.id}/poller/${endpoint.id}/ws?consumer=socket-test`;

    const processed: string[] = [];
    const seen: string[] = [];
    /** Receives until `total` are processed; acknowledges all but the last `holdBack` of this connection, then cuts it. */
    const connect = (total: number, holdBack: number) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${endpoint.token}` } });
        let cut = false;
        ws.on("error", reject);
        ws.on("message", (data) => {
          if (cut) return;
          const frame = JSON.parse(String(data)) as { type: string; message: { id: string; headers: Record<string, string> }; body: string };
          expect(frame.type).toBe("message");
          webhook.verify(frame.body, frame.message.headers);
          seen.push(frame.message.id);
          if (!processed.includes(frame.message.id)) processed.push(frame.message.id);
          if (processed.length <= total - holdBack) ws.send(JSON.stringify({ type: "ack", id: frame.message.id }));
          if (processed.length >= total) {
            cut = true;
            ws.close();
            resolve();
          }
        });
      });

    await connect(400, 5);
    const lagOf = async () => (await json<{ data: { lag: number }[] }>(api(`/api/v1/app/${app.id}/poller/${endpoint.id}/consumer`))).data[0]?.lag;
    await until(async () => (await lagOf()) === wanted.length - 395, "the acknowledgements recorded");
    // Reconnect: the 5 processed but unacknowledged come again first, then the rest.
    const before = seen.length;
    await connect(wanted.length, 0);
    expect(seen.slice(before, before + 5)).toEqual(wanted.slice(395, 400));
    expect(processed).toEqual(wanted);
    await until(
      async () => (await db.delivery.count({ where: { endpointId: endpoint.id, status: "succeeded" } })) === wanted.length,
      "every message recorded as delivered",
    );
    const consumers = await json<{ data: { consumerId: string; lag: number }[] }>(api(`/api/v1/app/${app.id}/poller/${endpoint.id}/consumer`));
    expect(consumers.data).toEqual([expect.objectContaining({ consumerId: "socket-test", lag: 0 })]);

    // A refused handshake is an HTTP error the client can read.
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl, { headers: { authorization: "Bearer pgs_app_X.ep_Y.wrongwrongwrongwrong" } });
      ws.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      ws.on("error", () => resolve(-1));
    });
    expect(refused).toBe(401);
    await json(api(`/api/v1/app/${app.id}/poller/${endpoint.id}/ws`), 400);
  });
});
