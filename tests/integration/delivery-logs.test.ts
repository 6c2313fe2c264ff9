import { Webhook } from "standardwebhooks";
import { MessageAttemptTriggerType, MessageStatus, StatusCodeClass, Svix } from "svix";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { seedMessage, seedOrg } from "@/lib/seed/factories";
import { type ApiClient, apiClient } from "../support/http";
import { type Receiver, startReceiver } from "../support/receiver";
import { sleep, until } from "../support/wait";

const kind = inject("dbKind");
const baseUrl = inject("baseUrl");

// Each path answers as the test sets it: "thanks" (200) unless told to fail with "broken".
const fine = { status: 200, body: "thanks" };
const broken = (status: number) => ({ status, body: "broken" });
let receiver: Receiver;
let svix: Svix;
let api: ApiClient;
let viewer: ApiClient;
let stranger: ApiClient;

beforeAll(async () => {
  receiver = await startReceiver(fine);
  const org = await seedOrg(db);
  const key = (await insertApiKey(db, org.id, "logs", "admin")).key;
  svix = new Svix(key, { serverUrl: baseUrl });
  api = apiClient(key);
  viewer = apiClient((await insertApiKey(db, org.id, "viewer", "viewer")).key);
  stranger = apiClient((await insertApiKey(db, (await seedOrg(db)).id, "other", "admin")).key);
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

async function endpointAt(appId: string, path: string, extra: object = {}) {
  const endpoint = await svix.endpoint.create(appId, { url: receiver.url(path), ...extra });
  return { ...endpoint, secret: (await svix.endpoint.getSecret(appId, endpoint.id)).key };
}

// The SDK keeps only Svix's fields, so Pigeon's extras (deliveryStatus, attempts, …) are read raw.
async function deliveryState(appId: string, msgId: string, endpointId: string) {
  const { data } = await (await api(`/api/v1/app/${appId}/msg/${msgId}/endpoint`)).json();
  return (data as { id: string; deliveryStatus: string; attempts: number }[]).find((d) => d.id === endpointId);
}

describe(`delivery logs on ${kind}`, () => {
  it("resend: a failed manual attempt is not retried; after the fix it succeeds, signed, and finishes the delivery", async () => {
    const app = await svix.application.create({ name: "Resend" });
    const endpoint = await endpointAt(app.id, "/resend");
    receiver.answer("/resend", broken(500));
    const message = await svix.message.create(app.id, { eventType: "invoice.paid", payload: { n: 1 } });
    // PIGEON_RETRY_SCHEDULE is "1,2" in the tests: three scheduled attempts.
    await until(async () => (await deliveryState(app.id, message.id, endpoint.id))?.deliveryStatus === "exhausted", "the delivery to be exhausted");
    const scheduled = await svix.messageAttempt.listByEndpoint(app.id, endpoint.id);
    expect(scheduled.data.map((a) => [a.status, a.triggerType, a.responseStatusCode])).toEqual(
      Array(3).fill([MessageStatus.Fail, MessageAttemptTriggerType.Scheduled, 500]),
    );
    const raw = await (await api(`/api/v1/app/${app.id}/attempt/endpoint/${endpoint.id}`)).json();
    expect(raw.data.map((a: { attemptNumber: number }) => a.attemptNumber)).toEqual([3, 2, 1]);
    expect(raw.data[0]).toMatchObject({ errorKind: "http_status", errorMessage: expect.stringContaining("500"), response: "broken" });
    const sdkDestinations = await svix.messageAttempt.listAttemptedDestinations(app.id, message.id);
    expect(sdkDestinations.data).toEqual([expect.objectContaining({ id: endpoint.id, status: MessageStatus.Fail, statusText: "fail", url: endpoint.url })]);

    // Still broken: one manual attempt, then nothing more.
    await svix.messageAttempt.resend(app.id, message.id, endpoint.id);
    await until(() => receiver.requests("/resend").length === 4, "the manual attempt");
    const failedManual = await until(
      async () => (await svix.messageAttempt.listByMsg(app.id, message.id)).data.find((a) => a.triggerType === MessageAttemptTriggerType.Manual),
      "the manual attempt to be recorded",
    );
    expect(failedManual).toMatchObject({ status: MessageStatus.Fail, responseStatusCode: 500, endpointId: endpoint.id, msgId: message.id });
    // Scheduled retries would come 1 s and 2 s apart: that long must pass to see that none does.
    await sleep(3_500);
    expect(receiver.requests("/resend")).toHaveLength(4);
    expect(await deliveryState(app.id, message.id, endpoint.id)).toMatchObject({
      status: MessageStatus.Fail,
      deliveryStatus: "exhausted",
      nextAttempt: null,
      attempts: 4,
    });

    // Fixed: the manual attempt succeeds with a valid signature and finishes the delivery.
    receiver.answer("/resend", fine);
    await svix.messageAttempt.resend(app.id, message.id, endpoint.id);
    await until(() => receiver.requests("/resend").length === 5, "the second manual attempt");
    const request = receiver.requests("/resend")[4]!;
    expect(new Webhook(endpoint.secret).verify(request.body, request.headers)).toEqual({ n: 1 });
    expect(request.headers["webhook-id"]).toBe(message.id);
    await until(async () => (await deliveryState(app.id, message.id, endpoint.id))?.deliveryStatus === "succeeded", "the delivery to succeed");
    expect(await deliveryState(app.id, message.id, endpoint.id)).toMatchObject({
      status: MessageStatus.Success,
      statusText: "success",
      nextAttempt: null,
      attempts: 5,
      lastStatusCode: 200,
      url: endpoint.url,
    });
    expect(await db.delivery.findFirst({ where: { messageId: message.id } })).toMatchObject({ status: "succeeded", nextAttemptAt: null });
    const newest = (await svix.messageAttempt.listByEndpoint(app.id, endpoint.id, { limit: 1, withContent: true })).data[0]!;
    expect(newest).toMatchObject({ status: MessageStatus.Success, triggerType: MessageAttemptTriggerType.Manual, responseStatusCode: 200, response: "thanks" });
    expect(await svix.messageAttempt.get(app.id, message.id, newest.id)).toMatchObject({
      id: newest.id,
      msgId: message.id,
      url: endpoint.url,
      triggerType: MessageAttemptTriggerType.Manual,
    });
    const one = await (await api(`/api/v1/app/${app.id}/msg/${message.id}/attempt/${newest.id}`)).json();
    expect(one).toMatchObject({
      attemptNumber: 5,
      errorKind: null,
      triggerType: 1,
      requestHeaders: { "webhook-id": message.id },
      responseHeaders: expect.any(Object),
    });
    // As above: a retry would have come by now.
    await sleep(2_500);
    expect(receiver.requests("/resend")).toHaveLength(5);
    const audit = await db.auditEvent.findMany({ where: { action: "message.resent", targetId: message.id } });
    expect(audit).toHaveLength(2);
    expect(audit[0]!.actorKeyId).toBeTruthy();
  });

  it("resend to an endpoint added after the message makes its delivery", async () => {
    const app = await svix.application.create({ name: "Late endpoint" });
    const message = await svix.message.create(app.id, { eventType: "invoice.paid", payload: { late: true } });
    const endpoint = await endpointAt(app.id, "/late");
    await svix.messageAttempt.resend(app.id, message.id, endpoint.id);
    await until(async () => (await deliveryState(app.id, message.id, endpoint.id))?.deliveryStatus === "succeeded", "the late delivery");
    expect(receiver.requests("/late")).toHaveLength(1);
    const { data } = await svix.messageAttempt.listByMsg(app.id, message.id, { endpointId: endpoint.id });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ triggerType: MessageAttemptTriggerType.Manual, status: MessageStatus.Success });
  });

  describe("filters and paging", () => {
    const T0 = Date.now() - 3 * 3600_000;
    const MIN = 60_000;
    let appId: string;
    let endpointId: string;
    let otherEndpointId: string;
    type Row = {
      id: string;
      messageId: string;
      eventType: string;
      eventId: string;
      succeeded: boolean;
      status: number | null;
      createdAt: number;
      endpointId: string;
    };
    const rows: Row[] = [];
    const messages: { id: string; eventType: string; eventId: string; state: "succeeded" | "exhausted" }[] = [];

    beforeAll(async () => {
      const app = await svix.application.create({ name: "Filters" });
      appId = app.id;
      endpointId = (await svix.endpoint.create(appId, { url: receiver.url("/a") })).id;
      otherEndpointId = (await svix.endpoint.create(appId, { url: receiver.url("/b") })).id;
      for (let i = 0; i < 30; i++) {
        const time = T0 + i * MIN;
        const eventType = i % 2 ? "order.failed" : "order.created";
        const msg = { id: newId("message", time), eventType, eventId: `evt-filters-${i}` };
        await db.message.create({ data: { ...msg, appId, payload: "{}", payloadSize: 2, createdAt: new Date(time) } });
        const plan: (number | null)[] = i % 3 === 0 ? [500, 200] : i % 3 === 1 ? [200] : [400, null];
        const state = plan.at(-1) === 200 ? "succeeded" : "exhausted";
        messages.push({ ...msg, state });
        for (const ep of i === 0 ? [endpointId, otherEndpointId] : [endpointId]) {
          const deliveryId = newId("delivery", time);
          await db.delivery.create({
            data: { id: deliveryId, messageId: msg.id, endpointId: ep, appId, status: state, attempts: plan.length, lastStatusCode: plan.at(-1) },
          });
          for (const [n, status] of plan.entries()) {
            const createdAt = time + (n + 1) * 1000;
            const row = {
              id: newId("attempt", createdAt),
              messageId: msg.id,
              eventType,
              eventId: msg.eventId,
              succeeded: status === 200,
              status,
              createdAt,
              endpointId: ep,
            };
            rows.push(row);
            await db.attempt.create({
              data: {
                id: row.id,
                deliveryId,
                messageId: msg.id,
                endpointId: ep,
                appId,
                number: n + 1,
                trigger: "scheduled",
                succeeded: row.succeeded,
                url: receiver.url("/a"),
                requestHeaders: {},
                responseStatus: status,
                responseBody: status ? "x" : null,
                durationMs: 5,
                errorKind: status === 200 ? null : status ? "http_status" : "timeout",
                createdAt: new Date(createdAt),
              },
            });
          }
        }
      }
    });

    const ids = (filter: (r: Row) => boolean) =>
      rows
        .filter((r) => r.endpointId === endpointId && filter(r))
        .map((r) => r.id)
        .sort()
        .reverse();
    async function all(options: Parameters<Svix["messageAttempt"]["listByEndpoint"]>[2] = {}, limit = 7) {
      const seen: string[] = [];
      let iterator: string | null | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await svix.messageAttempt.listByEndpoint(appId, endpointId, { ...options, limit, iterator });
        seen.push(...page.data.map((a) => a.id));
        if (page.done) return seen;
        iterator = page.iterator;
      }
      throw new Error("too many pages");
    }

    it("pages newest first through every attempt, and back again with prevIterator", async () => {
      expect(await all()).toEqual(ids(() => true));
      const first = await svix.messageAttempt.listByEndpoint(appId, endpointId, { limit: 7 });
      const second = await svix.messageAttempt.listByEndpoint(appId, endpointId, { limit: 7, iterator: first.iterator });
      const back = await svix.messageAttempt.listByEndpoint(appId, endpointId, { limit: 7, iterator: second.prevIterator });
      expect(back.data.map((a) => a.id)).toEqual(first.data.map((a) => a.id));
    });

    it("filters by status, status code class, event type and time, exactly", async () => {
      expect(await all({ status: MessageStatus.Success })).toEqual(ids((r) => r.succeeded));
      expect(await all({ status: MessageStatus.Fail })).toEqual(ids((r) => !r.succeeded));
      expect(await all({ status: MessageStatus.Pending })).toEqual([]);
      expect(await all({ statusCodeClass: StatusCodeClass.Code5xx })).toEqual(ids((r) => r.status === 500));
      expect(await all({ statusCodeClass: StatusCodeClass.Code4xx })).toEqual(ids((r) => r.status === 400));
      expect(await all({ statusCodeClass: StatusCodeClass.Code2xx })).toEqual(ids((r) => r.status === 200));
      expect(await all({ statusCodeClass: StatusCodeClass.CodeNone })).toEqual(ids((r) => r.status === null));
      expect(await all({ eventTypes: ["order.failed"] })).toEqual(ids((r) => r.eventType === "order.failed"));
      expect(await all({ eventTypes: ["order.failed", "order.created"] })).toEqual(ids(() => true));
      // The SDKs send list parameters comma-separated; the message list understands that too.
      const listed = await svix.message.list(appId, { eventTypes: ["order.failed", "order.created"], limit: 250 });
      expect(new Set(listed.data.map((m) => m.eventType))).toEqual(new Set(["order.failed", "order.created"]));
      const after = new Date(T0 + 10 * MIN + 1500);
      const before = new Date(T0 + 19 * MIN + 1500);
      const window = (r: Row) => r.createdAt > after.getTime() && r.createdAt < before.getTime();
      expect(await all({ after, before })).toEqual(ids(window));
      expect(ids(window).length).toBeGreaterThan(5);
      expect(await all({ after, before, status: MessageStatus.Fail, eventTypes: ["order.created"] }, 2)).toEqual(
        ids((r) => window(r) && !r.succeeded && r.eventType === "order.created"),
      );
      const withMsg = await svix.messageAttempt.listByEndpoint(appId, endpointId, { limit: 1, withMsg: true });
      expect(withMsg.data[0]!.msg).toMatchObject({ id: messages.at(-1)!.id, eventType: messages.at(-1)!.eventType });
    });

    it("lists a message's attempts, by endpoint too, and where it went", async () => {
      const first = messages[0]!;
      const byMsg = await svix.messageAttempt.listByMsg(appId, first.eventId);
      expect(byMsg.data.map((a) => a.id)).toEqual(
        rows
          .filter((r) => r.messageId === first.id)
          .map((r) => r.id)
          .sort()
          .reverse(),
      );
      const one = await svix.messageAttempt.listByMsg(appId, first.id, { endpointId: otherEndpointId, status: MessageStatus.Success });
      expect(one.data.map((a) => [a.endpointId, a.status])).toEqual([[otherEndpointId, MessageStatus.Success]]);
      const destinations = await svix.messageAttempt.listAttemptedDestinations(appId, first.id);
      expect(destinations.data.map((d) => d.id)).toEqual([endpointId, otherEndpointId].sort());
      expect(destinations.data.every((d) => d.status === MessageStatus.Success)).toBe(true);
    });

    it("the console message log: statuses, endpoint, event type, exact search and paging", async () => {
      const log = async (query: string) => {
        const r = await api(`/api/console/apps/${appId}/message-log?${query}`);
        expect(r.status).toBe(200);
        return (await r.json()) as {
          data: { id: string; eventId: string; deliveries: { endpointId: string; status: string; attempts: number; url: string }[] }[];
          iterator: string | null;
          done: boolean;
        };
      };
      const newestFirst = (filter: (m: (typeof messages)[number], i: number) => boolean) =>
        messages
          .filter(filter)
          .map((m) => m.id)
          .reverse();
      const page = await log("limit=5");
      expect(page.data.map((m) => m.id)).toEqual(newestFirst(() => true).slice(0, 5));
      expect(page.data[0]!.deliveries).toEqual([
        {
          endpointId,
          type: "webhook",
          url: receiver.url("/a"),
          status: messages.at(-1)!.state,
          attempts: 2,
          nextAttemptAt: null,
          lastStatusCode: messages.at(-1)!.state === "succeeded" ? 200 : null,
        },
      ]);
      const next = await log(`limit=5&iterator=${page.iterator}`);
      expect(next.data.map((m) => m.id)).toEqual(newestFirst(() => true).slice(5, 10));
      expect((await log("limit=100&status=exhausted")).data.map((m) => m.id)).toEqual(newestFirst((m) => m.state === "exhausted"));
      expect((await log("limit=100&status=succeeded")).data.map((m) => m.id)).toEqual(newestFirst((m) => m.state === "succeeded"));
      expect((await log("limit=100&status=failing")).data).toEqual([]);
      expect((await log(`limit=100&endpoint_id=${otherEndpointId}`)).data.map((m) => m.id)).toEqual([messages[0]!.id]);
      expect((await log("limit=100&event_type=order.failed&status=exhausted")).data.map((m) => m.id)).toEqual(
        newestFirst((m) => m.state === "exhausted" && m.eventType === "order.failed"),
      );
      expect((await log("q=evt-filters-7")).data.map((m) => m.id)).toEqual([messages[7]!.id]);
      expect((await log(`q=${messages[3]!.id}`)).data.map((m) => m.eventId)).toEqual(["evt-filters-3"]);
      expect((await log("q=nothing-like-this")).data).toEqual([]);
      const after = new Date(T0 + 10 * MIN - 1).toISOString();
      const before = new Date(T0 + 12 * MIN + 1).toISOString();
      expect((await log(`after=${after}&before=${before}`)).data.map((m) => m.id)).toEqual(newestFirst((_, i) => i >= 10 && i <= 12));
    });
  });

  it("disables the endpoint when a manual resend gets 410 Gone, as a scheduled attempt would", async () => {
    const app = await svix.application.create({ name: "Gone by hand" });
    const endpoint = await endpointAt(app.id, "/gone-by-hand");
    const message = await svix.message.create(app.id, { eventType: "invoice.paid", payload: {} });
    await until(async () => (await deliveryState(app.id, message.id, endpoint.id))?.deliveryStatus === "succeeded", "the first delivery");
    receiver.answer("/gone-by-hand", broken(410));
    await svix.messageAttempt.resend(app.id, message.id, endpoint.id);
    await until(async () => (await svix.endpoint.get(app.id, endpoint.id)).disabled, "the endpoint to be disabled");
    expect(await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ disabled: true, disabledReason: "gone" });
    const attempts = await svix.messageAttempt.listByMsg(app.id, message.id);
    expect(attempts.data[0]).toMatchObject({ responseStatusCode: 410, triggerType: MessageAttemptTriggerType.Manual });
  });

  it("resumes a recover task whose process died, after its last batch", async () => {
    const app = await svix.application.create({ name: "Resume" });
    const endpoint = await endpointAt(app.id, "/resume");
    receiver.answer("/resume", broken(500));
    const since = new Date(Date.now() - 1000);
    const failed: { id: string }[] = [];
    for (let i = 0; i < 3; i++) failed.push(await svix.message.create(app.id, { eventType: "invoice.paid", payload: { i } }));
    for (const m of failed) await until(async () => (await deliveryState(app.id, m.id, endpoint.id))?.deliveryStatus === "exhausted", "exhausted deliveries");
    receiver.answer("/resume", fine);
    const receivedBefore = receiver.requests("/resume").length;
    // A task as a killed process leaves it: running, silent for two minutes, nothing done yet.
    const { orgId } = await db.application.findUniqueOrThrow({ where: { id: app.id } });
    const data = { endpointId: endpoint.id, since: since.toISOString(), until: new Date().toISOString() };
    const task = await db.task.create({
      data: { id: newId("task"), orgId, kind: "endpoint.recover", status: "running", total: 3, data, updatedAt: new Date(Date.now() - 120_000) },
    });
    const { resumeStaleRecoverTasks } = await import("@/lib/endpoints/recover-endpoint");
    await resumeStaleRecoverTasks();
    const finished = await until(async () => {
      const t = await svix.backgroundTask.get(task.id);
      return t.status === "finished" && t;
    }, "the resumed task to finish");
    expect(finished.data).toMatchObject({ done: 3, total: 3 });
    await until(() => receiver.requests("/resume").length === receivedBefore + 3, "the recovered deliveries");
    expect(
      new Set(
        receiver
          .requests("/resume")
          .slice(receivedBefore)
          .map((r) => r.headers["webhook-id"]),
      ),
    ).toEqual(new Set(failed.map((m) => m.id)));
  });

  it("recover re-queues exactly the failed deliveries of the window, as a task that finishes", async () => {
    const app = await svix.application.create({ name: "Recover" });
    const endpoint = await endpointAt(app.id, "/recover");
    receiver.answer("/recover", broken(500));
    const exhausted = (id: string) => async () => (await deliveryState(app.id, id, endpoint.id))?.deliveryStatus === "exhausted";
    const before = await svix.message.create(app.id, { eventType: "invoice.paid", payload: { i: 0 } });
    await until(exhausted(before.id), "the first delivery to be exhausted");
    const since = new Date();
    const inWindow: { id: string }[] = [];
    for (let i = 1; i <= 3; i++) inWindow.push(await svix.message.create(app.id, { eventType: "invoice.paid", payload: { i } }));
    for (const m of inWindow) await until(exhausted(m.id), "the deliveries in the window to be exhausted");
    expect(await svix.endpoint.getStats(app.id, endpoint.id)).toMatchObject({ success: 0, pending: 0, sending: 0, fail: 4 });
    expect(await svix.endpoint.getStats(app.id, endpoint.id, { since })).toMatchObject({ fail: 3 });

    // One of them is delivered by hand, so recover leaves it alone.
    receiver.answer("/recover", fine);
    await svix.messageAttempt.resend(app.id, inWindow[2]!.id, endpoint.id);
    await until(async () => (await deliveryState(app.id, inWindow[2]!.id, endpoint.id))?.deliveryStatus === "succeeded", "the manual resend");
    const receivedBefore = receiver.requests("/recover").length;

    const recover = await svix.endpoint.recover(app.id, endpoint.id, { since });
    expect(recover).toMatchObject({ id: expect.stringMatching(/^qtask_/), status: "running", task: "endpoint.recover" });
    const task = await until(async () => {
      const t = await svix.backgroundTask.get(recover.id);
      return t.status === "finished" && t;
    }, "the recover task to finish");
    expect(task.data).toMatchObject({ done: 2, total: 2, messagesSent: 2 });
    await until(() => receiver.requests("/recover").length === receivedBefore + 2, "the recovered deliveries");
    // Time for a third to come, which must not.
    await sleep(500);
    const resent = receiver
      .requests("/recover")
      .slice(receivedBefore)
      .map((r) => r.headers["webhook-id"])
      .sort();
    expect(resent).toEqual([inWindow[0]!.id, inWindow[1]!.id].sort());
    await until(async () => (await svix.endpoint.getStats(app.id, endpoint.id)).success === 3, "the stats to count three successes");
    expect(await svix.endpoint.getStats(app.id, endpoint.id)).toMatchObject({ success: 3, fail: 1, pending: 0, sending: 0 });
    expect((await svix.backgroundTask.list()).data.map((t) => t.id)).toContain(recover.id);
    expect(await db.auditEvent.count({ where: { action: "endpoint.recover_started", targetId: endpoint.id } })).toBe(1);

    const series = await (await api(`/api/console/apps/${app.id}/endpoints/${endpoint.id}/series?range=24h`)).json();
    expect(series).toMatchObject({ range: "24h", bucketSeconds: 3600 });
    expect(series.buckets).toHaveLength(24);
    const totals = series.buckets.reduce(
      (sum: { success: number; fail: number }, b: { success: number; fail: number }) => ({ success: sum.success + b.success, fail: sum.fail + b.fail }),
      { success: 0, fail: 0 },
    );
    expect(totals).toEqual({ success: 3, fail: 12 });
  });

  it("the series buckets per-minute counters into hours or 6-hour blocks, zero-filled", async () => {
    const app = await svix.application.create({ name: "Series" });
    const endpoint = await svix.endpoint.create(app.id, { url: receiver.url("/series") });
    const hour = 3600_000;
    const thisHour = Math.floor(Date.now() / hour) * hour;
    const minutes = [
      { minute: new Date(thisHour - 2 * hour + 5 * 60_000), attempts: 5, failures: 2 },
      { minute: new Date(thisHour - 2 * hour + 6 * 60_000), attempts: 1, failures: 1 },
      { minute: new Date(thisHour - 30 * hour), attempts: 4, failures: 0 },
    ];
    for (const m of minutes) await db.endpointStat.create({ data: { endpointId: endpoint.id, ...m } });
    const day = await (await api(`/api/console/apps/${app.id}/endpoints/${endpoint.uid ?? endpoint.id}/series`)).json();
    expect(day.buckets).toHaveLength(24);
    expect(day.buckets[21]).toEqual({ start: new Date(thisHour - 2 * hour).toISOString(), success: 3, fail: 3 });
    expect(day.buckets.filter((b: { success: number; fail: number }) => b.success || b.fail)).toHaveLength(1);
    const week = await (await api(`/api/console/apps/${app.id}/endpoints/${endpoint.id}/series?range=7d`)).json();
    expect(week).toMatchObject({ range: "7d", bucketSeconds: 21600 });
    expect(week.buckets).toHaveLength(28);
    const sum = week.buckets.reduce((s: number, b: { success: number; fail: number }) => s + b.success + b.fail, 0);
    expect(sum).toBe(10);
  });

  it("the console's counters count an endpoint's deliveries in the message log's states; Svix's stats keep their buckets", async () => {
    const app = await svix.application.create({ name: "Counters" });
    const endpoint = await svix.endpoint.create(app.id, { url: receiver.url("/counters") });
    // Nothing here is due for an hour, so no worker touches it meanwhile.
    const later = new Date(Date.now() + 3600_000);
    const rows = [
      { status: "succeeded", attempts: 1, nextAttemptAt: null },
      { status: "pending", attempts: 0, nextAttemptAt: later },
      { status: "pending", attempts: 1, nextAttemptAt: later },
      { status: "pending", attempts: 2, nextAttemptAt: later },
      { status: "sending", attempts: 1, nextAttemptAt: later },
      { status: "paused", attempts: 0, nextAttemptAt: null },
      { status: "exhausted", attempts: 3, nextAttemptAt: null },
    ] as const;
    for (const row of rows) {
      const message = await seedMessage(db, app.id);
      await db.delivery.create({ data: { id: newId("delivery"), messageId: message.id, endpointId: endpoint.id, appId: app.id, ...row } });
    }
    const states = await (await api(`/api/console/apps/${app.id}/endpoints/${endpoint.id}/states`)).json();
    expect(states).toEqual({ succeeded: 1, sending: 1, retrying: 2, pending: 1, paused: 1, failed: 1 });
    // The log's filter finds the two retrying ones by the same word.
    const log = await (await api(`/api/console/apps/${app.id}/message-log?status=failing&endpoint_id=${endpoint.id}`)).json();
    expect(log.data.filter((m: { deliveries: { status: string; attempts: number }[] }) => m.deliveries[0]!.status === "pending")).toHaveLength(2);
    // Failed and Paused are two filters, as they are two counters.
    const statusesOf = async (status: string) =>
      (
        (await (await api(`/api/console/apps/${app.id}/message-log?status=${status}&endpoint_id=${endpoint.id}`)).json()).data as {
          deliveries: { status: string }[];
        }[]
      ).map((m) => m.deliveries[0]!.status);
    expect(await statusesOf("exhausted")).toEqual(["exhausted"]);
    expect(await statusesOf("paused")).toEqual(["paused"]);
    expect(await svix.endpoint.getStats(app.id, endpoint.id)).toMatchObject({ success: 1, pending: 3, sending: 1, fail: 2 });
  });

  it("send-example sends the event type's example (or the given payload) to that endpoint only", async () => {
    const app = await svix.application.create({ name: "Examples" });
    const target = await endpointAt(app.id, "/example/target", { eventTypes: ["something.else"] });
    await endpointAt(app.id, "/example/bystander");
    const name = `user.signed_up.${kind}`;
    await svix.eventType
      .create({ name, description: "A user signed up", schemas: { "1": { type: "object", examples: [{ user: "ada" }] } } })
      .catch(() => undefined);
    const message = await svix.endpoint.sendExample(app.id, target.id, { eventType: name });
    expect(message).toMatchObject({ eventType: name, payload: { user: "ada" } });
    const example = await receiver.waitFor((r) => r.path === "/example/target", "the example");
    expect(new Webhook(target.secret).verify(example.body, example.headers)).toEqual({ user: "ada" });
    const custom = await api(`/api/v1/app/${app.id}/endpoint/${target.id}/send-example`, {
      method: "POST",
      json: { eventType: name, payload: { user: "grace" } },
    });
    expect(custom.status).toBe(202);
    await until(() => receiver.requests("/example/target").length === 2, "the custom example");
    // Time for the bystander to get one too, which it must not.
    await sleep(300);
    expect(receiver.requests("/example/bystander")).toHaveLength(0);
    const missing = await api(`/api/v1/app/${app.id}/endpoint/${target.id}/send-example`, { method: "POST", json: { eventType: "no.such.type" } });
    expect(missing.status).toBe(404);
  });

  it("refuses other organizations (404), viewers' writes (403) and bad input (4xx with a readable message)", async () => {
    const app = await svix.application.create({ name: "Guarded" });
    const endpoint = await svix.endpoint.create(app.id, { url: receiver.url("/guarded") });
    const message = await svix.message.create(app.id, { eventType: "invoice.paid", payload: {} });
    await until(async () => (await deliveryState(app.id, message.id, endpoint.id))?.deliveryStatus === "succeeded", "the delivery");
    const attempt = (await svix.messageAttempt.listByMsg(app.id, message.id)).data[0]!;
    const task = await svix.endpoint.recover(app.id, endpoint.id, { since: new Date(Date.now() - 3600_000) });

    const reads = [
      `/api/v1/app/${app.id}/attempt/endpoint/${endpoint.id}`,
      `/api/v1/app/${app.id}/attempt/msg/${message.id}`,
      `/api/v1/app/${app.id}/msg/${message.id}/attempt/${attempt.id}`,
      `/api/v1/app/${app.id}/msg/${message.id}/endpoint`,
      `/api/v1/app/${app.id}/endpoint/${endpoint.id}/stats`,
      `/api/v1/background-task/${task.id}`,
      `/api/console/apps/${app.id}/message-log`,
      `/api/console/apps/${app.id}/endpoints/${endpoint.id}/series`,
      `/api/console/apps/${app.id}/endpoints/${endpoint.id}/states`,
    ];
    const writes: [string, object][] = [
      [`/api/v1/app/${app.id}/msg/${message.id}/endpoint/${endpoint.id}/resend`, {}],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}/recover`, { since: new Date(Date.now() - 3600_000).toISOString() }],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}/send-example`, { eventType: "invoice.paid", payload: {} }],
    ];
    for (const path of reads) {
      expect((await stranger(path)).status, path).toBe(404);
      expect((await viewer(path)).status, path).toBe(200);
    }
    for (const [path, json] of writes) {
      expect((await stranger(path, { method: "POST", json })).status, path).toBe(404);
      const refused = await viewer(path, { method: "POST", json });
      expect(refused.status, path).toBe(403);
      expect((await refused.json()).detail).toMatch(/developer/);
    }
    expect((await svix.backgroundTask.list()).data.map((t) => t.id)).toContain(task.id);
    expect((await (await stranger("/api/v1/background-task")).json()).data).toEqual([]);

    const bad: [string, RequestInit & { json?: unknown }, RegExp][] = [
      [`/api/v1/app/${app.id}/attempt/endpoint/${endpoint.id}?iterator=nonsense`, {}, /iterator/],
      [`/api/v1/app/${app.id}/attempt/msg/${message.id}?iterator=-msg_01ARZ3NDEKTSV4RRFFQ69G5FAV`, {}, /iterator/],
      [`/api/v1/app/${app.id}/attempt/endpoint/${endpoint.id}?before=yesterday`, {}, /before/],
      [`/api/v1/app/${app.id}/attempt/endpoint/${endpoint.id}?status=9`, {}, /status/],
      [`/api/v1/app/${app.id}/attempt/endpoint/${endpoint.id}?status_code_class=250`, {}, /status_code_class|statusCodeClass/],
      [`/api/v1/app/${app.id}/attempt/endpoint/${endpoint.id}?after=2026-01-02T00:00:00Z&before=2026-01-01T00:00:00Z`, {}, /after/],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}/stats?since=2026-13-01`, {}, /since/],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}/stats?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z`, {}, /until/],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}/recover`, { method: "POST", json: { since: "last week" } }, /since/],
      [
        `/api/v1/app/${app.id}/endpoint/${endpoint.id}/recover`,
        { method: "POST", json: { since: new Date(Date.now() + 3600_000).toISOString() } },
        /since: must not be in the future/,
      ],
      [
        `/api/v1/app/${app.id}/endpoint/${endpoint.id}/recover`,
        { method: "POST", json: { since: new Date(Date.now() - 60_000).toISOString(), until: new Date(Date.now() - 120_000).toISOString() } },
        /until: must not be earlier than since/,
      ],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}/recover`, { method: "POST", body: "{not json" }, /JSON/],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}/send-example`, { method: "POST", json: { payload: {} } }, /eventType/],
      [`/api/v1/app/${app.id}/msg/${message.id}/endpoint?iterator=zzz`, {}, /iterator/],
      [`/api/v1/background-task?iterator=zzz`, {}, /iterator/],
      [`/api/console/apps/${app.id}/message-log?status=broken`, {}, /status/],
      [`/api/console/apps/${app.id}/message-log?iterator=zzz`, {}, /iterator/],
      [`/api/console/apps/${app.id}/message-log?after=soon`, {}, /after/],
      [`/api/console/apps/${app.id}/endpoints/${endpoint.id}/series?range=1y`, {}, /range/],
    ];
    for (const [path, init, pattern] of bad) {
      const response = await api(path, init);
      const body = await response.json();
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      expect(JSON.stringify(body.message ?? body.detail), path).toMatch(pattern);
    }
    await expect(svix.endpoint.recover(app.id, endpoint.id, { since: new Date(Date.now() + 3600_000) })).rejects.toMatchObject({ code: 422 });
    expect((await api(`/api/v1/app/${app.id}/msg/${message.id}/attempt/atmpt_01ARZ3NDEKTSV4RRFFQ69G5FAV`)).status).toBe(404);
    expect((await api(`/api/v1/app/${app.id}/msg/${message.id}/endpoint/ep_missing/resend`, { method: "POST" })).status).toBe(404);
  });
});
