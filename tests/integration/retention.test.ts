import { afterAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { sweepExpired } from "@/lib/retention/sweep-expired";
import { seedApp, seedEndpoint, seedOrg } from "@/lib/seed/factories";
import { apiClient } from "../support/http";

const kind = inject("dbKind");
const DAY = 86_400_000;

afterAll(async () => {
  await db.$disconnect();
});

/** A message `daysAgo` old with one delivery and two attempts, as the engine would have written them. */
async function oldMessage(appId: string, endpointId: string, daysAgo: number) {
  const at = Date.now() - daysAgo * DAY;
  const message = await db.message.create({
    data: { id: newId("message", at), appId, eventType: "old.event", payload: `{"daysAgo":${daysAgo}}`, payloadSize: 14, createdAt: new Date(at) },
  });
  const delivery = await db.delivery.create({
    data: { id: newId("delivery", at), messageId: message.id, endpointId, appId, status: "succeeded", attempts: 2, createdAt: new Date(at) },
  });
  for (const number of [1, 2]) {
    await db.attempt.create({
      data: {
        id: newId("attempt", at + number),
        deliveryId: delivery.id,
        messageId: message.id,
        endpointId,
        appId,
        number,
        trigger: "scheduled",
        succeeded: number === 2,
        url: "https://example.com/hook",
        requestHeaders: { "webhook-id": message.id },
        responseStatus: number === 2 ? 200 : 500,
        responseHeaders: { "content-type": "text/plain" },
        responseBody: `answer ${number}`,
        durationMs: 12,
        createdAt: new Date(at + number),
      },
    });
  }
  return message.id;
}

describe(`retention on ${kind}`, () => {
  it("clears expired payloads and attempt bodies per organization's period, keeps the rest", async () => {
    const standard = await seedOrg(db); // the install's 30 days
    const longer = await seedOrg(db);
    await db.organization.update({ where: { id: longer.id }, data: { retentionDays: 90 } });
    const ids: Record<string, string> = {};
    for (const [name, org] of [
      ["standard", standard],
      ["longer", longer],
    ] as const) {
      const app = await seedApp(db, org.id);
      const endpoint = await seedEndpoint(db, app.id);
      for (const days of [100, 45, 40, 1]) ids[`${name}-${days}`] = await oldMessage(app.id, endpoint.id, days);
    }

    // Small batches, so the sweep has to walk on from where each batch stopped.
    const first = await sweepExpired({ batchSize: 1, pauseMs: 0 });
    expect(first.messages).toBeGreaterThanOrEqual(4);
    const state = async (id: string) => {
      const message = await db.message.findUniqueOrThrow({
        where: { id },
        include: { deliveries: { include: { attemptList: { orderBy: { number: "asc" } } } } },
      });
      const attempts = message.deliveries[0]!.attemptList;
      return {
        payload: message.payload,
        bodies: attempts.map((a) => a.responseBody),
        headers: attempts.map((a) => a.responseHeaders),
        statuses: attempts.map((a) => a.responseStatus),
      };
    };
    for (const id of [ids["standard-100"]!, ids["standard-45"]!, ids["standard-40"]!, ids["longer-100"]!]) {
      // Expired: payload and bodies gone; what happened (statuses, counts) stays.
      expect(await state(id)).toEqual({ payload: null, bodies: [null, null], headers: [null, null], statuses: [500, 200] });
    }
    for (const id of [ids["standard-1"]!, ids["longer-45"]!, ids["longer-40"]!, ids["longer-1"]!]) {
      const kept = await state(id);
      expect(kept.payload).toMatch(/daysAgo/);
      expect(kept.bodies).toEqual(["answer 1", "answer 2"]);
    }

    // Nothing is left to clear; a message that expires meanwhile is found by the next sweep.
    await db.organization.update({ where: { id: longer.id }, data: { retentionDays: 30 } });
    const second = await sweepExpired({ pauseMs: 0 });
    expect(second.messages).toBe(2);
    expect((await state(ids["longer-45"]!)).payload).toBeNull();
    expect((await state(ids["longer-1"]!)).payload).not.toBeNull();
  });

  it("lets an admin set the organization's retention period, within bounds", async () => {
    const org = await seedOrg(db);
    const api = apiClient((await insertApiKey(db, org.id, "retention", "admin")).key);
    const bad = await api("/api/console/settings", { method: "PATCH", json: { retentionDays: 0 } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toMatch(/retentionDays/);
    const ok = await api("/api/console/settings", { method: "PATCH", json: { retentionDays: 7 } });
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.organization.retentionDays).toBe(7);
    expect(body.defaults.retentionDays).toBe(30);
  });
});
