import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { generateEndpointSecret } from "@/lib/crypto/endpoint-secret";
import { sealEndpointSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { attemptRow } from "@/lib/delivery/attempt-row";
import { claimDueDeliveries } from "@/lib/delivery/store/claim";
import { type AttemptsWrite, recordAttempts } from "@/lib/delivery/store/record-attempts";
import { newId } from "@/lib/ids";
import { seedApp, seedOrg } from "@/lib/seed/factories";
import { isUniqueViolation, sql } from "@/lib/sql/connection";
import { startSqliteWriteThread } from "../../scripts/lib/sqlite-write-thread";

// The standalone worker's SQLite write thread (lib/sql/sqlite-thread.ts): claims and
// recorded attempts go through it with the same results as on the main thread, its
// errors keep their codes, and once it is stopped the same jobs run here.
const kind = inject("dbKind");

afterAll(async () => {
  await db.$disconnect();
});

// The server's worker must not take the test's delivery: its endpoint is backed off for an
// hour (claims skip it), and the test claims as if that hour had passed. Due long ago, the
// delivery is then the head of the queue, before any other test's.
const later = () => new Date(Date.now() + 2 * 3_600_000);

/** A delivery due long ago, of an endpoint backed off for the next hour. */
async function dueDelivery() {
  const org = await seedOrg(db);
  const app = await seedApp(db, org.id);
  const endpointId = newId("endpoint");
  await db.endpoint.create({
    data: {
      id: endpointId,
      appId: app.id,
      url: "https://example.com/hook",
      headers: {},
      metadata: {},
      backoffUntil: new Date(Date.now() + 3_600_000),
      secrets: { create: sealEndpointSecret(endpointId, generateEndpointSecret()) },
    },
  });
  const message = await db.message.create({ data: { id: newId("message"), appId: app.id, eventType: "thread.test", payload: '{"a":1}', payloadSize: 7 } });
  return db.delivery.create({
    data: { id: newId("delivery"), messageId: message.id, endpointId, appId: app.id, status: "pending", nextAttemptAt: new Date(1_000) },
  });
}

const outcome = {
  succeeded: true,
  requestHeaders: { "webhook-id": "x" },
  status: 200,
  headers: null,
  body: "ok",
  durationMs: 3,
  errorKind: null,
  errorMessage: null,
};

function written(delivery: { id: string; messageId: string; endpointId: string; appId: string }, leaseToken: string): AttemptsWrite {
  const at = Date.now();
  return {
    at,
    deliveries: [{ id: delivery.id, leaseToken, status: "succeeded", nextAttemptAt: null, attempts: 1, lastStatusCode: 200 }],
    attempts: [attemptRow(delivery, outcome, { number: 1, trigger: "scheduled", url: "https://example.com/hook", at: new Date(at) })],
    stats: new Map([[delivery.endpointId, { attempts: 1, failures: 0 }]]),
    timeouts: new Map(),
  };
}

describe.skipIf(kind !== "sqlite")("the SQLite write thread", () => {
  it("claims, loads and records through the thread, keeps error codes, and hands the jobs back when stopped", async () => {
    // This thread's own write transactions, which the jobs must not use while the thread runs.
    const here = vi.spyOn(sql() as { write: (work: never) => Promise<unknown> }, "write");
    const stop = startSqliteWriteThread();
    try {
      const delivery = await dueDelivery();
      const claim = await claimDueDeliveries({ limit: 1, leaseSeconds: 60, now: later() });
      expect(claim.ids).toEqual([delivery.id]);
      // Loaded in the claim's own transaction, with the message's bytes.
      expect(claim.loaded).toEqual([expect.objectContaining({ id: delivery.id, payload: '{"a":1}', eventType: "thread.test", leaseToken: claim.leaseToken })]);
      expect(await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "sending", leaseToken: claim.leaseToken });

      const write = written(delivery, claim.leaseToken);
      await recordAttempts(write);
      expect(await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "succeeded", attempts: 1, leaseToken: null });
      // No response headers is a database NULL, not an empty object that crossed the thread.
      expect(await db.attempt.findUniqueOrThrow({ where: { id: write.attempts[0]!.id } })).toMatchObject({ succeeded: true, responseHeaders: null });

      // The same attempt again breaks the primary key: the error arrives here with its code.
      const again = await recordAttempts(write).catch((error: unknown) => error);
      expect(isUniqueViolation(again)).toBe(true);
      expect(here).not.toHaveBeenCalled();
    } finally {
      await stop();
    }
    // Without the thread, the jobs run on this thread's connection.
    const other = await dueDelivery();
    const claim = await claimDueDeliveries({ limit: 1, leaseSeconds: 60, now: later() });
    expect(claim.ids).toEqual([other.id]);
    await recordAttempts(written(other, claim.leaseToken));
    expect(await db.delivery.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "succeeded" });
    expect(here).toHaveBeenCalledTimes(2);
    here.mockRestore();
  });
});
