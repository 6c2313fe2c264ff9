import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { testServerEnv } from "../setup/global-setup";
import { apiClient } from "../support/http";
import { type Receiver, startReceiver } from "../support/receiver";
import { until } from "../support/wait";
import { startWorkerProcess, workerStarted } from "../support/worker-process";

// After a disable → enable cycle: one endpoint.recovered notice at the first success, however
// many workers succeed at once, and the recover offer kept on the endpoint until it is run
// or dismissed. Two standalone workers run beside the server's own, so successes race.

const kind = inject("dbKind");
let receiver: Receiver;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  for (let i = 0; i < 2; i++) {
    const worker = startWorkerProcess({ ...testServerEnv, DATABASE_URL: inject("databaseUrl"), PIGEON_DATA_DIR: inject("dataDir") });
    workers.push(worker.child);
    await workerStarted(worker);
  }
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => (worker.exitCode !== null ? null : new Promise((resolve) => worker.once("exit", resolve).kill("SIGTERM")))));
  await receiver.close();
  await db.$disconnect();
});

interface EndpointOut {
  disabled: boolean;
  recoverOffer: { since: string; paused: number } | null;
}

async function setup(name: string, path: string) {
  const org = await seedOrg(db);
  const api = apiClient((await insertApiKey(db, org.id, name, "admin")).key);
  const call = async <T = Record<string, unknown>>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> => {
    const response = await api(url, init);
    const text = await response.text();
    expect(response.status, `${init.method ?? "GET"} ${url}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : null) as T;
  };
  const app = await call<{ id: string }>("/api/v1/app", { method: "POST", json: { name } });
  // Three quick tries, then a minute: the disable comes while messages wait for their next try.
  await call(`/api/console/settings/apps/${app.id}`, { method: "PATCH", json: { retrySchedule: [1, 1, 1, 60], disableMinDurationSeconds: 0 } });
  const endpoint = await call<{ id: string }>(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: { url: receiver.url(path) } });
  const endpointUrl = `/api/v1/app/${app.id}/endpoint/${endpoint.id}`;
  const dismissUrl = `/api/console/apps/${app.id}/endpoints/${endpoint.id}/recover-offer/dismiss`;
  const send = async (count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        call<{ id: string }>(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "order.paid", payload: { i } } }),
      ),
    ).then((ms) => ms.map((m) => m.id));
  const get = () => call<EndpointOut>(endpointUrl);
  const setDisabled = (disabled: boolean) => call<EndpointOut>(endpointUrl, { method: "PATCH", json: { disabled } });
  const statuses = async (ids: string[]) => (await db.delivery.findMany({ where: { messageId: { in: ids } }, select: { status: true } })).map((d) => d.status);
  const recovered = () => db.notice.findMany({ where: { endpointId: endpoint.id, kind: "endpoint.recovered" }, orderBy: { id: "asc" } });
  return { api, call, appId: app.id, endpointId: endpoint.id, endpointUrl, dismissUrl, send, get, setDisabled, statuses, recovered };
}

const allAre = (status: string) => (list: string[]) => list.length > 0 && list.every((s) => s === status);

describe(`an endpoint receiving again after being disabled, on ${kind}`, () => {
  it("makes one recovered notice per disable → enable cycle, at the first success, whatever the number of workers", async () => {
    receiver.answer("/back", { status: 503 });
    const t = await setup("back", "/back");
    const failed = await t.send(25);
    await until(async () => (await t.get()).disabled, "the endpoint to be disabled", 30_000);
    await until(async () => (await t.statuses(failed)).every((s) => s === "paused" || s === "exhausted"), "the waiting deliveries paused");
    const whileDisabled = await t.send(3);
    expect(await t.statuses(whileDisabled)).toEqual(["paused", "paused", "paused"]);
    const paused = await db.delivery.count({ where: { endpointId: t.endpointId, status: "paused" } });
    expect(paused).toBeGreaterThanOrEqual(3);
    // Disabled: no offer yet, and nothing recovered.
    expect((await t.get()).recoverOffer).toBeNull();

    receiver.answer("/back", { status: 200 });
    const enabled = await t.setDisabled(false);
    // The offer starts at the oldest paused message, counts what was paused, and is the server's: every read has it.
    const oldestPaused = await db.delivery.findFirstOrThrow({ where: { endpointId: t.endpointId, status: "paused" }, orderBy: { messageId: "asc" } });
    const message = await db.message.findUniqueOrThrow({ where: { id: oldestPaused.messageId } });
    expect(enabled.recoverOffer).toEqual({ since: expect.any(String), paused });
    expect(Math.abs(new Date(enabled.recoverOffer!.since).getTime() - message.createdAt.getTime())).toBeLessThan(1000);
    expect((await t.get()).recoverOffer).toEqual(enabled.recoverOffer);
    expect(await t.recovered()).toHaveLength(0);

    // Many successes at once, in three workers: new messages and the recovered ones.
    const fresh = await t.send(30);
    await t.call(`${t.endpointUrl}/recover`, { method: "POST", json: { since: new Date(Date.now() - 10 * 60_000).toISOString() } });
    // The recover answered the offer.
    expect((await t.get()).recoverOffer).toBeNull();
    await until(async () => allAre("succeeded")(await t.statuses([...fresh, ...whileDisabled])), "every message delivered", 30_000);
    await until(async () => (await t.recovered()).length > 0, "the recovered notice");
    // Workers still recording successes would make a second one now, if they could.
    const more = await t.send(10);
    await until(async () => allAre("succeeded")(await t.statuses(more)), "the next messages delivered");
    const notices = await t.recovered();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      title: `Endpoint receiving again: ${receiver.url("/back")}`,
      body: expect.stringMatching(
        / is receiving again: first success at \d{4}-\d\d-\d\d \d\d:\d\d UTC, after being disabled for \d+ s \(enabled \d+ s before\)\.$/,
      ),
      appId: t.appId,
      data: expect.objectContaining({ after: "disabled", disabledAt: expect.any(String), enabledAt: expect.any(String), firstSuccessAt: expect.any(String) }),
    });
    expect(await db.endpoint.findUniqueOrThrow({ where: { id: t.endpointId } })).toMatchObject({ reenabledAt: null, lastDisabledAt: null });
    // The inbox's Recovered filter finds it.
    const inbox = await t.call<{ data: { id: string; kind: string }[] }>(`/api/console/notices?kind=endpoint.recovered&endpointId=${t.endpointId}`);
    expect(inbox.data.map((n) => n.id)).toEqual([notices[0]!.id]);

    // A new cycle, by hand this time: a new notice at its first success.
    await t.setDisabled(true);
    await t.setDisabled(false);
    const [next] = await t.send(1);
    await until(async () => allAre("succeeded")(await t.statuses([next!])), "the message after the second enable");
    await until(async () => (await t.recovered()).length === 2, "the second cycle's notice");
    await t.send(5);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await t.recovered()).toHaveLength(2);
  });

  it("makes no notice for a cycle that never succeeded, and none for an endpoint never disabled", async () => {
    receiver.answer("/never", { status: 200 });
    const t = await setup("never", "/never");
    const delivered = await t.send(5);
    await until(async () => allAre("succeeded")(await t.statuses(delivered)), "the first messages delivered");
    await t.setDisabled(true);
    receiver.answer("/never", { status: 503 });
    await t.setDisabled(false);
    // Fails after the enable, then is disabled again before any success: that cycle is over.
    const [failing] = await t.send(1);
    await until(async () => (await db.delivery.findFirstOrThrow({ where: { messageId: failing! } })).attempts >= 1, "a failed attempt");
    await t.setDisabled(true);
    expect(await db.endpoint.findUniqueOrThrow({ where: { id: t.endpointId } })).toMatchObject({ reenabledAt: null });
    receiver.answer("/never", { status: 200 });
    const healthy = await setup("healthy", "/never");
    const sent = await healthy.send(5);
    await until(async () => allAre("succeeded")(await healthy.statuses(sent)), "messages to an endpoint never disabled");
    // Created disabled, enabled for the first time: nothing was ever sent to it, so no "again".
    const created = await healthy.call<{ id: string }>(`/api/v1/app/${healthy.appId}/endpoint`, {
      method: "POST",
      json: { url: receiver.url("/never"), disabled: true },
    });
    const createdUrl = `/api/v1/app/${healthy.appId}/endpoint/${created.id}`;
    await healthy.call(createdUrl, { method: "PATCH", json: { disabled: false } });
    const later = await healthy.send(3);
    await until(async () => allAre("succeeded")(await healthy.statuses(later)), "messages to the endpoint created disabled");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await t.recovered()).toHaveLength(0);
    expect(await healthy.recovered()).toHaveLength(0);
    expect(await db.notice.count({ where: { endpointId: created.id, kind: "endpoint.recovered" } })).toBe(0);
  });
});

describe(`the recover offer, on ${kind}`, () => {
  it("is kept on the endpoint until dismissed, once; others cannot see or dismiss it", async () => {
    receiver.answer("/offer", { status: 200 });
    const t = await setup("offer", "/offer");
    // Enabled with nothing paused: no offer.
    await t.setDisabled(true);
    expect((await t.setDisabled(false)).recoverOffer).toBeNull();

    await t.setDisabled(true);
    await t.send(2);
    const offered = (await t.setDisabled(false)).recoverOffer;
    expect(offered).toEqual({ since: expect.any(String), paused: 2 });
    // In the list too, and still there on a later read.
    const list = await t.call<{ data: (EndpointOut & { id: string })[] }>(`/api/v1/app/${t.appId}/endpoint`);
    expect(list.data.find((e) => e.id === t.endpointId)?.recoverOffer).toEqual(offered);

    // Another organization: 404, and the offer stays.
    const other = await setup("other", "/offer");
    const foreign = await other.api(t.dismissUrl, { method: "POST", json: {} });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ code: "not_found" });
    expect((await t.get()).recoverOffer).toEqual(offered);

    // A viewer may not dismiss it.
    const orgId = (await db.endpoint.findUniqueOrThrow({ where: { id: t.endpointId }, include: { app: true } })).app.orgId;
    const viewer = apiClient((await insertApiKey(db, orgId, "viewer", "viewer")).key);
    expect((await viewer(t.dismissUrl, { method: "POST", json: {} })).status).toBe(403);

    // Dismissed: gone from every read; a second dismissal changes nothing (and is not audited again).
    const dismissed = await t.call<EndpointOut>(t.dismissUrl, { method: "POST", json: {} });
    expect(dismissed.recoverOffer).toBeNull();
    expect((await t.get()).recoverOffer).toBeNull();
    expect((await t.call<EndpointOut>(t.dismissUrl, { method: "POST" })).recoverOffer).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "endpoint.recover_offer_dismissed", targetId: t.endpointId } })).toBe(1);
    // The paused messages are still there, for a recover whenever someone wants one.
    expect(await db.delivery.count({ where: { endpointId: t.endpointId, status: "paused" } })).toBe(2);

    // Malformed input is a 4xx JSON error.
    const bad = await t.api(t.dismissUrl, { method: "POST", json: [1] });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: "validation", detail: [expect.objectContaining({ loc: ["body"] })] });
  });
});
