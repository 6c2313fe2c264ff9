import { Svix } from "svix";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { type ApiClient, apiClient, createApp, createEndpoint, json } from "../support/http";
import { type Receiver, startReceiver } from "../support/receiver";
import { sleep } from "../support/wait";

// Scheduled messages (Svix's deliverAt): nothing is sent, and no polling consumer sees the
// message, before its time.

const kind = inject("dbKind");
const baseUrl = inject("baseUrl");

let receiver: Receiver;
let api: ApiClient;
let svix: Svix;

beforeAll(async () => {
  receiver = await startReceiver();
  const key = (await insertApiKey(db, (await seedOrg(db)).id, "scheduled", "admin")).key;
  api = apiClient(key);
  svix = new Svix(key, { serverUrl: baseUrl });
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

describe(`scheduled messages on ${kind}`, () => {
  it("sends a message with deliverAt 5 s ahead no earlier, and keeps it from polling consumers until then", { timeout: 60_000 }, async () => {
    const app = await createApp(api, "Scheduled");
    const endpoint = await createEndpoint(api, app.id, receiver.url("/scheduled"));
    const polling = await json<{ id: string }>(api(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: { type: "polling" } }), 201);

    const deliverAt = new Date(Date.now() + 5_000);
    const scheduled = await svix.message.create(app.id, { eventType: "reminder.due", payload: { at: deliverAt.toISOString() }, deliverAt });
    expect(scheduled.deliverAt?.getTime()).toBe(deliverAt.getTime());
    const now = await svix.message.create(app.id, { eventType: "reminder.now", payload: {} });
    expect(now.deliverAt ?? null).toBeNull();

    // The unscheduled one goes at once; the scheduled one neither goes nor shows to pollers.
    await receiver.arrival(now.id, "/scheduled");
    const early = await svix.message.poller.poll(app.id, polling.id);
    expect(early.data.map((m) => m.id)).toEqual([now.id]);
    await sleep(1_500);
    expect(receiver.requests("/scheduled").map((r) => r.headers["webhook-id"])).toEqual([now.id]);

    const arrived = await receiver.arrival(scheduled.id, "/scheduled");
    expect(arrived.at).toBeGreaterThanOrEqual(deliverAt.getTime());
    expect(new Webhook(endpoint.secret).verify(arrived.body, arrived.headers)).toEqual({ at: deliverAt.toISOString() });
    const later = await svix.message.poller.poll(app.id, polling.id, { iterator: early.iterator });
    expect(later.data.map((m) => m.id)).toEqual([scheduled.id]);
    expect((await svix.message.get(app.id, scheduled.id)).deliverAt?.getTime()).toBe(deliverAt.getTime());
  });

  it("sends a deliverAt already past at once, schedules batch items too, and refuses a bad or too distant time with 422", { timeout: 60_000 }, async () => {
    const app = await createApp(api, "Scheduled input");
    await createEndpoint(api, app.id, receiver.url("/scheduled-input"));
    const past = await svix.message.create(app.id, { eventType: "a.b", payload: {}, deliverAt: new Date(Date.now() - 60_000) });
    await receiver.arrival(past.id, "/scheduled-input");

    const batch = await json<{ data: { status: number; message: { id: string; deliverAt: string | null } }[] }>(
      api(`/api/v1/app/${app.id}/msg/batch`, {
        method: "POST",
        json: {
          messages: [
            { eventType: "a.b", payload: { n: 1 }, deliverAt: new Date(Date.now() + 3_600_000).toISOString() },
            { eventType: "a.b", payload: { n: 2 } },
          ],
        },
      }),
      202,
    );
    expect(batch.data[0]!.message.deliverAt).not.toBeNull();
    await receiver.arrival(batch.data[1]!.message.id, "/scheduled-input");
    const held = await db.delivery.findFirstOrThrow({ where: { messageId: batch.data[0]!.message.id } });
    expect(held).toMatchObject({ status: "pending", attempts: 0 });
    expect(held.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 3_500_000);

    for (const deliverAt of ["soon", "2026-13-45T00:00:00Z", new Date(Date.now() + 91 * 86_400_000).toISOString()]) {
      const answer = await json<{ code: string; detail: { loc: string[] }[] }>(
        api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: {}, deliverAt } }),
        422,
      );
      expect(answer.detail[0]!.loc).toEqual(["body", "deliverAt"]);
    }
  });
});
