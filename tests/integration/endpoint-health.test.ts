import { Webhook } from "standardwebhooks";
import { Svix } from "svix";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import type { Db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { seedOrg } from "@/lib/seed/factories";
import { type OwnInstall, startOwnInstall } from "../support/own-install";
import { type Receiver, startReceiver } from "../support/receiver";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";
import type { RunningServer } from "../support/server";
import { sleep, until } from "../support/wait";

// Its own database and server: the server sends email to a local SMTP sink, and the disable
// rule is short (20 attempts, 95 %, a two-minute window, disabling as soon as that holds);
// every message gets one attempt. How long the rule must hold is tested in disable-paths.test.ts.
const kind = inject("dbKind");
let operationalSecret: string;
let smtp: SmtpSink;
let receiver: Receiver;
let install: OwnInstall | undefined;
let server: RunningServer;
let db: Db;
let svix: Svix;
let orgId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();

  // Each path answers by its own rule, from the number of the request on that path.
  receiver = await startReceiver();
  receiver.answer("/dead", { status: 503 });
  receiver.answer("/ninety", (_, n) => ({ status: n % 10 === 0 ? 200 : 503 })); // 90 % failures
  receiver.answer("/ninety-six", (_, n) => ({ status: n % 25 === 0 ? 200 : 503 })); // 96 % failures

  install = await startOwnInstall(kind, {
    PIGEON_DATA_DIR: inject("dataDir"),
    PIGEON_ALLOWED_NETWORKS: "127.0.0.0/8",
    PIGEON_RETRY_SCHEDULE: "none",
    PIGEON_DISABLE_WINDOW_SECONDS: "120",
    PIGEON_DISABLE_MIN_ATTEMPTS: "20",
    PIGEON_DISABLE_FAILURE_RATE: "0.95",
    PIGEON_DISABLE_MIN_DURATION_SECONDS: "0",
    SMTP_URL: smtp.url,
    PUBLIC_URL: "https://pigeon.example.com",
  });
  ({ server, db } = install);
  const org = await seedOrg(db, { name: "Health" });
  orgId = org.id;
  const owner = await db.user.create({ data: { id: newId("user"), email: `owner-${Date.now()}@example.com`, name: "Owner", passwordHash: "x" } });
  await db.membership.create({ data: { id: newId("membership"), orgId, userId: owner.id, role: "owner" } });
  svix = new Svix((await insertApiKey(db, orgId, "health", "admin")).key, { serverUrl: server.url });
  const ops = await svix.operationalWebhook.endpoint.create({ url: receiver.url("/ops") });
  operationalSecret = (await svix.operationalWebhook.endpoint.getSecret(ops.id)).key;
}, 60_000);

afterAll(async () => {
  await install?.stop();
  await receiver?.close();
  await smtp?.close();
});

/** Sends `count` messages and waits until each has had its one attempt (or was paused). */
async function sendAndSettle(appId: string, endpointId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await svix.message.create(appId, { eventType: "order.paid", payload: { i } })).id);
  await until(
    async () => (await db.delivery.count({ where: { endpointId, messageId: { in: ids }, status: { in: ["pending", "sending"] } } })) === 0,
    "the deliveries to settle",
  );
  return ids;
}

describe(`endpoint health on ${kind}`, () => {
  it("disables an endpoint that keeps failing, tells the team once, and sends it nothing more", async () => {
    const app = await svix.application.create({ name: "Dead receiver" });
    const endpoint = await svix.endpoint.create(app.id, { url: receiver.url("/dead") });
    await sendAndSettle(app.id, endpoint.id, 25);
    const disabled = await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled).toMatchObject({ disabled: true, disabledReason: "automatic" });
    expect(disabled.disabledDetail).toMatch(/100 % of 2\d attempts failed/);
    expect((await svix.endpoint.get(app.id, endpoint.id)).disabled).toBe(true);

    const notices = await db.notice.findMany({ where: { orgId, endpointId: endpoint.id, kind: "endpoint.disabled" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toContain("/dead");
    await until(async () => smtp.mails.some((m) => m.subject.includes("Endpoint disabled")), "the email");
    const mail = smtp.mails.filter((m) => m.subject.includes("Endpoint disabled"));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(`https://pigeon.example.com/apps/${app.id}/endpoints/${endpoint.id}`);

    // The organization's operational endpoint got one signed endpoint.disabled event about it.
    const verifier = new Webhook(operationalSecret);
    const events = () => receiver.requests("/ops").map((e) => verifier.verify(e.body, e.headers) as { type: string; data: Record<string, unknown> });
    await until(async () => events().some((e) => e.type === "endpoint.disabled"), "the operational webhook");
    const disabledEvents = events().filter((e) => e.type === "endpoint.disabled" && e.data.endpointId === endpoint.id);
    expect(disabledEvents).toHaveLength(1);
    expect(disabledEvents[0]!.data).toMatchObject({ appId: app.id, endpointId: endpoint.id, trigger: "automatic" });
    await until(
      async () => events().filter((e) => e.type === "message.attempt.exhausted" && e.data.endpointId === endpoint.id).length >= 20,
      "exhausted events",
    );

    // New messages are kept for it, paused, and not sent.
    const attemptsBefore = receiver.requests("/dead").length;
    const later = await sendAndSettle(app.id, endpoint.id, 5);
    // That nothing is sent can only be seen by waiting.
    await sleep(1500);
    expect(receiver.requests("/dead")).toHaveLength(attemptsBefore);
    expect(await db.delivery.count({ where: { endpointId: endpoint.id, messageId: { in: later }, status: "paused" } })).toBe(5);
    expect(await db.notice.count({ where: { orgId, endpointId: endpoint.id, kind: "endpoint.disabled" } })).toBe(1);
  });

  it("leaves an endpoint that fails 90 % of the time enabled (flagged failing), and disables one that fails 96 %", async () => {
    const app = await svix.application.create({ name: "Flaky receivers" });
    const ninety = await svix.endpoint.create(app.id, { url: receiver.url("/ninety"), eventTypes: ["order.ninety"] });
    const ninetySix = await svix.endpoint.create(app.id, { url: receiver.url("/ninety-six"), eventTypes: ["order.ninety-six"] });
    const send = async (eventType: string, count: number, endpointId: string) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push((await svix.message.create(app.id, { eventType, payload: { i } })).id);
      await until(
        async () => (await db.delivery.count({ where: { endpointId, messageId: { in: ids }, status: { in: ["pending", "sending"] } } })) === 0,
        `${eventType} to settle`,
      );
    };
    await send("order.ninety", 40, ninety.id);
    await send("order.ninety-six", 50, ninetySix.id);

    expect(receiver.requests("/ninety")).toHaveLength(40);
    const stillOn = await db.endpoint.findUniqueOrThrow({ where: { id: ninety.id } });
    expect(stillOn).toMatchObject({ disabled: false });
    expect(stillOn.failingSince).not.toBeNull();
    expect(await db.notice.count({ where: { endpointId: ninety.id, kind: "endpoint.failing" } })).toBe(1);
    expect(await db.notice.count({ where: { endpointId: ninety.id, kind: "endpoint.disabled" } })).toBe(0);

    expect(await db.endpoint.findUniqueOrThrow({ where: { id: ninetySix.id } })).toMatchObject({ disabled: true, disabledReason: "automatic" });
    expect(await db.notice.count({ where: { endpointId: ninetySix.id, kind: "endpoint.disabled" } })).toBe(1);
  });

  it("folds the messages that ran out of retries into one notice per endpoint and hour", async () => {
    const exhausted = await db.notice.findMany({ where: { orgId, kind: "message.attempt.exhausted" } });
    // /dead, /ninety and /ninety-six each had failed single attempts: a notice each (two if
    // an hour began meanwhile), counting them.
    const endpoints = new Set(exhausted.map((n) => n.endpointId));
    expect(endpoints.size).toBe(3);
    expect(exhausted.length).toBeLessThanOrEqual(6);
    const dead = exhausted.filter((n) => n.title.endsWith("/dead")).reduce((sum, n) => sum + n.count, 0);
    expect(dead).toBeGreaterThanOrEqual(20);
  });

  it("lists notices in the inbox by kind with the unread count, marks them read, and hides them from other organizations", async () => {
    const key = (await insertApiKey(db, orgId, "inbox", "viewer")).key;
    const get = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });
    const all = await (await get("/api/console/notices?limit=100")).json();
    const total = await db.notice.count({ where: { orgId } });
    expect(all.data).toHaveLength(total);
    expect(all.unread).toBe(total);
    expect(all.data.map((n: { id: string }) => n.id)).toEqual([...all.data.map((n: { id: string }) => n.id)].sort().reverse());
    const disabled = await (await get("/api/console/notices?kind=endpoint.disabled")).json();
    expect(disabled.data.length).toBe(2);
    expect(disabled.data.every((n: { kind: string; read: boolean }) => n.kind === "endpoint.disabled" && !n.read)).toBe(true);

    expect((await get(`/api/console/notices/${disabled.data[0].id}/read`, { method: "POST" })).status).toBe(200);
    expect((await (await get("/api/console/notices")).json()).unread).toBe(total - 1);
    expect((await (await get("/api/console/notices?unread=true&limit=100")).json()).data).toHaveLength(total - 1);

    const bad = await get("/api/console/notices?kind=nope");
    expect(bad.status).toBe(422);
    expect((await bad.json()).message).toMatch(/kind: must be one of endpoint.disabled/);
    const strangerKey = (await insertApiKey(db, (await seedOrg(db)).id, "stranger", "admin")).key;
    const stranger = await fetch(`${server.url}/api/console/notices/${disabled.data[1].id}/read`, {
      method: "POST",
      headers: { authorization: `Bearer ${strangerKey}` },
    });
    expect(stranger.status).toBe(404);
    expect((await (await fetch(`${server.url}/api/console/notices`, { headers: { authorization: `Bearer ${strangerKey}` } })).json()).data).toEqual([]);

    expect((await (await get("/api/console/notices/read-all", { method: "POST" })).json()).updated).toBe(total - 1);
    expect((await (await get("/api/console/notices")).json()).unread).toBe(0);
  });

  it("manages operational endpoints through the SDK, hidden from the application list, and reports manual enabling", async () => {
    const list = await svix.operationalWebhook.endpoint.list();
    expect(list.data.map((e) => e.url)).toEqual([receiver.url("/ops")]);
    expect((await svix.application.list()).data.map((a) => a.name)).not.toContain("Operational webhooks");
    const app = await svix.application.create({ name: "Toggle" });
    const endpoint = await svix.endpoint.create(app.id, { url: receiver.url("/toggle"), disabled: true });
    await svix.endpoint.patch(app.id, endpoint.id, { disabled: false });
    const verifier = new Webhook(operationalSecret);
    const about = () =>
      receiver
        .requests("/ops")
        .map((e) => verifier.verify(e.body, e.headers) as { type: string; data: { endpointId: string } })
        .filter((e) => e.data.endpointId === endpoint.id);
    await until(() => about().length > 0, "endpoint.enabled");
    expect(about().map((e) => e.type)).toEqual(["endpoint.enabled"]);
    const extra = await svix.operationalWebhook.endpoint.create({ url: receiver.url("/ops-2"), eventTypes: ["endpoint.disabled"] });
    expect(await svix.operationalWebhook.endpoint.get(extra.id)).toMatchObject({ url: receiver.url("/ops-2"), eventTypes: ["endpoint.disabled"] });
    await svix.operationalWebhook.endpoint.delete(extra.id);
    await expect(svix.operationalWebhook.endpoint.get(extra.id)).rejects.toMatchObject({ code: 404 });
  });
});
