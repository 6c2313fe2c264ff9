import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { generateEndpointSecret } from "@/lib/crypto/endpoint-secret";
import { sealEndpointSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { prepareClaim, sendReady, settle } from "@/lib/delivery/delivery-steps";
import { newId } from "@/lib/ids";
import { seedApp, seedOrg } from "@/lib/seed/factories";
import { checkEndpointUrl, createGuardedLookup, parseAllowedNetworks } from "@/lib/security/network-policy";
import { verifies } from "../support/accounts";
import { apiClient, createApp, createEndpoint, json } from "../support/http";
import { type Receiver, startReceiver } from "../support/receiver";
import { until } from "../support/wait";

const kind = inject("dbKind");
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.answer("/failing", { status: 500 });
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

describe(`delivery safety on ${kind}`, () => {
  it("blocks an endpoint whose name resolves to a private address only after creation (DNS rebinding)", async () => {
    const host = "rebind.pigeon.test";
    const url = `http://${host}:${receiver.port}/rebind`;
    const noneAllowed = parseAllowedNetworks("");
    // At creation the name resolves to a public address, so the endpoint is accepted…
    await expect(
      checkEndpointUrl(url, { httpsOnly: false, allow: noneAllowed, lookup: async () => [{ address: "93.184.216.34", family: 4 }] }),
    ).resolves.toBeUndefined();
    const org = await seedOrg(db);
    const app = await seedApp(db, org.id);
    const endpointId = newId("endpoint");
    const endpoint = await db.endpoint.create({
      data: { id: endpointId, appId: app.id, url, headers: {}, metadata: {}, secrets: { create: sealEndpointSecret(endpointId, generateEndpointSecret()) } },
    });
    // …and its delivery is leased to this test (as a claim would), so the server's worker
    // leaves it alone and no other test's due delivery is swept into this batch.
    const leaseUntil = new Date(Date.now() + 60_000);
    const deliveryId = newId("delivery");
    const claim = { ids: [deliveryId], leads: [deliveryId], leaseToken: "rebinding-test", leaseUntil };
    const message = await db.message.create({ data: { id: newId("message"), appId: app.id, eventType: "rebind.test", payload: "{}", payloadSize: 2 } });
    const delivery = await db.delivery.create({
      data: {
        id: deliveryId,
        messageId: message.id,
        endpointId: endpoint.id,
        appId: app.id,
        status: "sending",
        leaseToken: claim.leaseToken,
        nextAttemptAt: leaseUntil,
      },
    });

    // …then, when the worker connects, the name answers 127.0.0.1.
    const rebinding = new Agent({ connect: { lookup: createGuardedLookup(noneAllowed, async () => [{ address: "127.0.0.1", family: 4 }]) } });
    const { ready } = await prepareClaim(claim);
    const summary = await settle(await Promise.all(ready.map((r) => sendReady(r, rebinding))));
    await rebinding.close();

    expect(summary).toMatchObject({ attempted: 1, succeeded: 0, failed: 1 });
    const attempt = await db.attempt.findFirstOrThrow({ where: { deliveryId: delivery.id } });
    expect(attempt).toMatchObject({ succeeded: false, errorKind: "blocked", responseStatus: null });
    // Every member reads the attempt log: it names the host, not the internal address it reached.
    expect(attempt.errorMessage).toBe(`connection to ${host} blocked: the name resolves to an address that is not publicly reachable`);
    expect(receiver.requests("/rebind")).toHaveLength(0);
    expect(await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "pending", attempts: 1 });
  });

  it("keeps to an endpoint's throttle rate", async () => {
    const org = await seedOrg(db);
    const api = apiClient((await insertApiKey(db, org.id, "throttle", "admin")).key);
    const app = await createApp(api, "Throttled");
    await createEndpoint(api, app.id, receiver.url("/throttled"), { throttleRate: 5 });
    for (let i = 0; i < 20; i++)
      expect((await api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "t.e", payload: { i } } })).status).toBe(202);
    await until(() => receiver.requests("/throttled").length >= 20, "20 throttled deliveries", 20_000);
    const times = receiver
      .requests("/throttled")
      .map((r) => r.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(20);
    // 20 messages at 5 per second (one second's burst allowed): at least ~3 s end to end,
    // and no one-second window holds more than the burst plus the rate.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(2500);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(10);
    console.log(`[${kind}] throttle 5/s: 20 deliveries over ${times.at(-1)! - times[0]!} ms, busiest second ${busiest}`);
  });

  it("follows the application's retry schedule over the organization's and the install's", async () => {
    const org = await seedOrg(db);
    const api = apiClient((await insertApiKey(db, org.id, "settings", "admin")).key);
    const orgSettings = await api("/api/console/settings", { method: "PATCH", json: { retrySchedule: "slack" } });
    expect(orgSettings.status).toBe(200);
    expect((await orgSettings.json()).organization.retrySchedule).toEqual([60, 300]);
    expect((await api("/api/console/settings", { method: "PATCH", json: { retrySchedule: [1, -2] } })).status).toBe(422);

    const app = await createApp(api, "One retry");
    const appSettings = await api(`/api/console/settings/apps/${app.id}`, { method: "PATCH", json: { retrySchedule: [1] } });
    expect((await appSettings.json()).application.retrySchedule).toEqual([1]);
    const endpoint = await createEndpoint(api, app.id, receiver.url("/failing"));
    await api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "t.e", payload: {} } });
    const delivery = await until(
      async () => {
        const row = await db.delivery.findFirst({ where: { endpointId: endpoint.id } });
        return row?.status === "exhausted" && row;
      },
      "the delivery to be exhausted",
      15_000,
    );
    // The app's one retry, not the org's slack schedule (which would wait a minute).
    expect(delivery).toMatchObject({ status: "exhausted", attempts: 2, nextAttemptAt: null });
    expect(await db.attempt.count({ where: { endpointId: endpoint.id } })).toBe(2);
  });

  it("uses an endpoint's new URL, headers and secret from the next attempt on", async () => {
    // The worker caches endpoint settings per process, keyed by the rows' versions: every
    // edit must reach the very next attempt.
    const org = await seedOrg(db);
    const api = apiClient((await insertApiKey(db, org.id, "edits", "admin")).key);
    const app = await createApp(api, "Edited");
    const base = `/api/v1/app/${app.id}/endpoint`;
    const { id: endpointId, secret: oldSecret } = await createEndpoint(api, app.id, receiver.url("/before"));
    const send = async () =>
      (await json<{ id: string }>(api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "t.e", payload: { n: Math.random() } } }))).id;
    const first = await receiver.arrival(await send());
    expect(first.path).toBe("/before");
    expect(verifies(oldSecret, first)).toBe(true);

    expect((await api(`${base}/${endpointId}`, { method: "PATCH", json: { url: receiver.url("/after") } })).status).toBe(200);
    expect((await api(`${base}/${endpointId}/headers`, { method: "PUT", json: { headers: { "x-tenant": "blue" } } })).status).toBe(204);
    const second = await receiver.arrival(await send());
    expect(second.path).toBe("/after");
    expect(second.headers["x-tenant"]).toBe("blue");

    expect((await api(`${base}/${endpointId}/secret/rotate`, { method: "POST", json: {} })).status).toBe(204);
    const newSecret = (await json<{ key: string }>(api(`${base}/${endpointId}/secret`))).key;
    expect(newSecret).not.toBe(oldSecret);
    const third = await receiver.arrival(await send());
    expect(verifies(newSecret, third)).toBe(true);
  });
});
