import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { MAX_OLD_KEYS } from "@/lib/endpoints/endpoint-secret";
import { seedOrg } from "@/lib/seed/factories";
import { apiClient } from "../support/http";
import { type Receiver, type Received, startReceiver } from "../support/receiver";
import { until } from "../support/wait";

// One way to disable an endpoint, whatever disables it, and a rule that waits for an
// endpoint to keep failing before it does. The shared server runs the default rule (20
// attempts, 95 %, 24 h, held for an hour) with retries after 1 s and 2 s.

const kind = inject("dbKind");
let receiver: Receiver;

/** The how-many-th request of its message (by webhook-id) this one is at its path. */
const tryOf = (request: Received) => receiver.requests(request.path).filter((r) => r.headers["webhook-id"] === request.headers["webhook-id"]).length;
const arrivalsAt = (path: string) => receiver.requests(path);

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

async function setup(name: string, path: string, settings?: Record<string, unknown>) {
  const org = await seedOrg(db);
  const api = apiClient((await insertApiKey(db, org.id, name, "admin")).key);
  const call = async <T = Record<string, unknown>>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> => {
    const response = await api(url, init);
    const text = await response.text();
    expect(response.status, `${init.method ?? "GET"} ${url}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : null) as T;
  };
  const app = await call<{ id: string }>("/api/v1/app", { method: "POST", json: { name } });
  if (settings) await call(`/api/console/settings/apps/${app.id}`, { method: "PATCH", json: settings });
  const endpoint = await call<{ id: string }>(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: { url: receiver.url(path) } });
  const send = async (count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        call<{ id: string }>(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "order.paid", payload: { i } } }),
      ),
    ).then((ms) => ms.map((m) => m.id));
  const row = () => db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
  const statuses = async (ids: string[]) => (await db.delivery.findMany({ where: { messageId: { in: ids } }, select: { status: true } })).map((d) => d.status);
  const disabledNotices = () => db.notice.findMany({ where: { endpointId: endpoint.id, kind: "endpoint.disabled" } });
  return { orgId: org.id, appId: app.id, endpointId: endpoint.id, call, send, row, statuses, disabledNotices };
}

const allAre = (status: string) => (list: string[]) => list.length > 0 && list.every((s) => s === status);

describe(`disabling endpoints on ${kind}`, () => {
  it("never disables an endpoint for a burst it recovers from: 100 messages answered 500, 500, then 200 are all delivered", async () => {
    receiver.answer("/burst", (request) => ({ status: tryOf(request) <= 2 ? 500 : 200 }));
    const t = await setup("burst", "/burst");
    const ids = await t.send(100);
    await until(async () => allAre("succeeded")(await t.statuses(ids)), "every message delivered", 45_000);
    const tries = new Map<string, number>();
    for (const r of arrivalsAt("/burst")) tries.set(r.headers["webhook-id"]!, (tries.get(r.headers["webhook-id"]!) ?? 0) + 1);
    expect([...tries.values()]).toEqual(Array(100).fill(3));
    // 200 failures in a row held the rule's condition, but not for its hour; it no longer holds.
    expect(await t.row()).toMatchObject({ disabled: false, disablingSince: null });
    expect(await t.disabledNotices()).toHaveLength(0);
  });

  it("disables an endpoint whose failures held the rule's condition for its minimum duration: paused, noticed, then re-enabled and recovered", async () => {
    receiver.answer("/dead", { status: 503 });
    // Retries at once three times, then after a minute: the disabling comes while messages wait.
    const t = await setup("dead", "/dead", { retrySchedule: [1, 1, 1, 60], disableMinDurationSeconds: 2 });
    const ids = await t.send(25);
    const disabled = await until(async () => ((await t.row()).disabled ? t.row() : undefined), "the endpoint to be disabled", 20_000);
    const firstFailure = Math.min(...arrivalsAt("/dead").map((r) => r.at));
    expect(disabled.disabledAt!.getTime() - firstFailure).toBeGreaterThanOrEqual(2_000);
    expect(disabled).toMatchObject({ disabledReason: "automatic", disablingSince: null });
    expect(disabled.disabledDetail).toMatch(/^100 % of \d+ attempts failed, for \d+ seconds? \(the rule: .*, and that has lasted 2 seconds\)$/);
    await until(async () => allAre("paused")(await t.statuses(ids)), "the waiting deliveries paused");
    const [notice] = await t.disabledNotices();
    expect(notice).toMatchObject({ title: expect.stringContaining("/dead"), data: expect.objectContaining({ reason: "automatic" }) });

    receiver.answer("/dead", { status: 200 });
    await t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}`, { method: "PATCH", json: { disabled: false } });
    expect(await t.row()).toMatchObject({ disabled: false, disabledReason: null, failingSince: null });
    await t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}/recover`, { method: "POST", json: { since: new Date(Date.now() - 60_000).toISOString() } });
    await until(async () => allAre("succeeded")(await t.statuses(ids)), "every message recovered", 20_000);
  });

  it("disables an endpoint that answers 410 Gone at once, the same way", async () => {
    receiver.answer("/gone", { status: 410 });
    const t = await setup("gone", "/gone", { retrySchedule: [60] });
    const [first] = await t.send(1);
    const disabled = await until(async () => ((await t.row()).disabled ? t.row() : undefined), "the endpoint to be disabled");
    expect(disabled).toMatchObject({ disabledReason: "gone", disabledDetail: expect.stringMatching(/^answered HTTP 410 Gone at /) });
    await until(async () => allAre("paused")(await t.statuses([first!])), "the delivery paused");
    const later = await t.send(3);
    expect(await t.statuses(later)).toEqual(["paused", "paused", "paused"]);
    expect(await t.disabledNotices()).toMatchObject([{ data: expect.objectContaining({ reason: "gone" }) }]);
  });

  it("pauses the waiting deliveries when a person disables the endpoint, and delivers them after re-enabling and recovering", async () => {
    receiver.answer("/manual", { status: 503 });
    const t = await setup("manual", "/manual", { retrySchedule: [60] });
    const ids = await t.send(5);
    await until(async () => arrivalsAt("/manual").length >= 5 && allAre("pending")(await t.statuses(ids)), "the first attempts");
    await t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}`, { method: "PATCH", json: { disabled: true } });
    expect(await t.statuses(ids)).toEqual(Array(5).fill("paused"));
    expect(await t.row()).toMatchObject({ disabled: true, disabledReason: "manual", disabledDetail: "disabled by an API key" });
    expect(await t.disabledNotices()).toMatchObject([{ data: expect.objectContaining({ reason: "manual", paused: 5 }) }]);

    receiver.answer("/manual", { status: 200 });
    await t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}`, { method: "PATCH", json: { disabled: false } });
    await t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}/recover`, { method: "POST", json: { since: new Date(Date.now() - 60_000).toISOString() } });
    await until(async () => allAre("succeeded")(await t.statuses(ids)), "every message recovered", 20_000);
  });
});

describe(`signing secret rotation on ${kind}`, () => {
  it(`keeps at most ${MAX_OLD_KEYS} rotated-out secrets signing, and drops expired ones`, async () => {
    const t = await setup("rotation", "/rotation");
    const rotate = (json: object = {}) => t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}/secret/rotate`, { method: "POST", json });
    for (let i = 0; i < MAX_OLD_KEYS + 4; i++) await rotate();
    const secrets = await db.endpointSecret.findMany({ where: { endpointId: t.endpointId } });
    expect(secrets.filter((s) => s.expiresAt === null)).toHaveLength(1);
    expect(secrets.filter((s) => s.expiresAt !== null)).toHaveLength(MAX_OLD_KEYS);
    const [msgId] = await t.send(1);
    const arrival = await receiver.arrival(msgId!);
    expect(arrival.headers["webhook-signature"]!.split(" ")).toHaveLength(1 + MAX_OLD_KEYS);

    // Rotations at the same time take turns: every one succeeds, one secret stays current.
    const together = await Promise.all(
      Array.from({ length: 6 }, () => t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}/secret/rotate`, { method: "POST", json: {} })),
    );
    expect(together).toHaveLength(6);
    expect(await db.endpointSecret.count({ where: { endpointId: t.endpointId, expiresAt: null } })).toBe(1);

    // A secret rotated out with no grace expires at once; the next rotation drops it.
    await rotate({ gracePeriodSeconds: 0 });
    await rotate();
    const left = await db.endpointSecret.findMany({ where: { endpointId: t.endpointId } });
    expect(left.filter((s) => s.expiresAt !== null && s.expiresAt.getTime() <= Date.now())).toEqual([]);
    expect(left.filter((s) => s.expiresAt !== null).length).toBeLessThanOrEqual(MAX_OLD_KEYS);
  });
});
