import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { MAX_OLD_KEYS } from "@/lib/endpoints/endpoint-secret";
import { seedOrg } from "@/lib/seed/factories";
import { apiClient } from "../support/http";
import { until } from "../support/wait";

// One way to disable an endpoint, whatever disables it, and a rule that waits for an
// endpoint to keep failing before it does. The shared server runs the default rule (20
// attempts, 95 %, 24 h, held for an hour) with retries after 1 s and 2 s.

const kind = inject("dbKind");
let receiver: Server;
let base: string;
// Per path: the status for the n-th request of each message (by webhook-id), and what arrived.
const answers = new Map<string, (n: number) => number>();
const arrivals: { path: string; msgId: string; status: number; at: number; signature: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const path = req.url ?? "/";
    const msgId = String(req.headers["webhook-id"]);
    const n = arrivals.filter((a) => a.path === path && a.msgId === msgId).length + 1;
    const status = answers.get(path)?.(n) ?? 200;
    arrivals.push({ path, msgId, status, at: Date.now(), signature: String(req.headers["webhook-signature"]) });
    req.resume();
    req.on("end", () => {
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
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
  const endpoint = await call<{ id: string }>(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: { url: `${base}${path}` } });
  const send = async (count: number) => Promise.all(Array.from({ length: count }, (_, i) => call<{ id: string }>(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "order.paid", payload: { i } } }))).then((ms) => ms.map((m) => m.id));
  const row = () => db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
  const statuses = async (ids: string[]) => (await db.delivery.findMany({ where: { messageId: { in: ids } }, select: { status: true } })).map((d) => d.status);
  const disabledNotices = () => db.notice.findMany({ where: { endpointId: endpoint.id, kind: "endpoint.disabled" } });
  return { orgId: org.id, appId: app.id, endpointId: endpoint.id, call, send, row, statuses, disabledNotices };
}

const allAre = (status: string) => (list: string[]) => list.length > 0 && list.every((s) => s === status);

describe(`disabling endpoints on ${kind}`, () => {
  it("never disables an endpoint for a burst it recovers from: 100 messages answered 500, 500, then 200 are all delivered", async () => {
    answers.set("/burst", (n) => (n <= 2 ? 500 : 200));
    const t = await setup("burst", "/burst");
    const ids = await t.send(100);
    await until(async () => allAre("succeeded")(await t.statuses(ids)), "every message delivered", 45_000);
    expect(arrivals.filter((a) => a.path === "/burst" && a.status === 200)).toHaveLength(100);
    // 200 failures in a row held the rule's condition, but not for its hour; it no longer holds.
    expect(await t.row()).toMatchObject({ disabled: false, disablingSince: null });
    expect(await t.disabledNotices()).toHaveLength(0);
  });

  it("disables an endpoint whose failures held the rule's condition for its minimum duration: paused, noticed, then re-enabled and recovered", async () => {
    answers.set("/dead", () => 503);
    // Retries at once three times, then after a minute: the disabling comes while messages wait.
    const t = await setup("dead", "/dead", { retrySchedule: [1, 1, 1, 60], disableMinDurationSeconds: 2 });
    const ids = await t.send(25);
    const disabled = await until(async () => ((await t.row()).disabled ? t.row() : undefined), "the endpoint to be disabled", 20_000);
    const firstFailure = Math.min(...arrivals.filter((a) => a.path === "/dead").map((a) => a.at));
    expect(disabled.disabledAt!.getTime() - firstFailure).toBeGreaterThanOrEqual(2_000);
    expect(disabled).toMatchObject({ disabledReason: "automatic", disablingSince: null });
    expect(disabled.disabledDetail).toMatch(/^100 % of \d+ attempts failed, for \d+ seconds? \(the rule: .*, and that has lasted 2 seconds\)$/);
    await until(async () => allAre("paused")(await t.statuses(ids)), "the waiting deliveries paused");
    const [notice] = await t.disabledNotices();
    expect(notice).toMatchObject({ title: expect.stringContaining("/dead"), data: expect.objectContaining({ reason: "automatic" }) });

    answers.set("/dead", () => 200);
    await t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}`, { method: "PATCH", json: { disabled: false } });
    expect(await t.row()).toMatchObject({ disabled: false, disabledReason: null, failingSince: null });
    await t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}/recover`, { method: "POST", json: { since: new Date(Date.now() - 60_000).toISOString() } });
    await until(async () => allAre("succeeded")(await t.statuses(ids)), "every message recovered", 20_000);
  });

  it("disables an endpoint that answers 410 Gone at once, the same way", async () => {
    answers.set("/gone", () => 410);
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
    answers.set("/manual", () => 503);
    const t = await setup("manual", "/manual", { retrySchedule: [60] });
    const ids = await t.send(5);
    await until(async () => arrivals.filter((a) => a.path === "/manual").length >= 5 && allAre("pending")(await t.statuses(ids)), "the first attempts");
    await t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}`, { method: "PATCH", json: { disabled: true } });
    expect(await t.statuses(ids)).toEqual(Array(5).fill("paused"));
    expect(await t.row()).toMatchObject({ disabled: true, disabledReason: "manual", disabledDetail: "disabled by an API key" });
    expect(await t.disabledNotices()).toMatchObject([{ data: expect.objectContaining({ reason: "manual", paused: 5 }) }]);

    answers.set("/manual", () => 200);
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
    const arrival = await until(() => arrivals.find((a) => a.msgId === msgId), "the message");
    expect(arrival.signature.split(" ")).toHaveLength(1 + MAX_OLD_KEYS);

    // Rotations at the same time take turns: every one succeeds, one secret stays current.
    const together = await Promise.all(Array.from({ length: 6 }, () => t.call(`/api/v1/app/${t.appId}/endpoint/${t.endpointId}/secret/rotate`, { method: "POST", json: {} })));
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
