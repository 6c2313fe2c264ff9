import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { seedApp, seedEndpoint, seedMessage, seedOrg } from "@/lib/seed/factories";
import { closeSql } from "@/lib/sql/connection";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
// The operation under test: the engine's claim of due deliveries under a lease.
import { claimDueDeliveries as claim } from "@/lib/delivery/store/claim";
import { extendLeases } from "@/lib/delivery/store/extend-leases";

// A claim takes due rows from the whole Delivery table, so it runs on a database of its own
// where no server's worker claims beside it. The engine's SQL connection follows
// DATABASE_URL, read once per process (each test file has its own), so it is set first.

const kind = inject("dbKind");
const LEASE_SECONDS = 30;
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase(kind);
  process.env.DATABASE_URL = database.url;
  await runMigrations(database.url);
  expect(env().DATABASE_URL, "the engine must use this file's database").toBe(database.url);
  db = createDb(database.url);
});
afterAll(async () => {
  await closeSql();
  await db?.$disconnect();
  await database?.drop();
});

describe(`claiming due deliveries on ${kind}`, () => {
  it("claims due rows in due order under a lease, up to the limit; a held lease keeps them, an expired one gives them up", async () => {
    const T = Date.now();
    const org = await seedOrg(db);
    const app = await seedApp(db, org.id);
    const endpoint = await seedEndpoint(db, app.id);
    const delivery = async (data: { status: "pending" | "succeeded"; nextAttemptAt: number | null }) => {
      const message = await seedMessage(db, app.id);
      const row = await db.delivery.create({
        data: {
          id: newId("delivery"),
          messageId: message.id,
          endpointId: endpoint.id,
          appId: app.id,
          status: data.status,
          nextAttemptAt: data.nextAttemptAt === null ? null : new Date(data.nextAttemptAt),
        },
      });
      return row.id;
    };
    // Made in another order than they fall due, so the order of ids says nothing.
    const dueLast = await delivery({ status: "pending", nextAttemptAt: T - 1_000 });
    const dueFirst = await delivery({ status: "pending", nextAttemptAt: T - 3_000 });
    const dueSecond = await delivery({ status: "pending", nextAttemptAt: T - 2_000 });
    const notYetDue = await delivery({ status: "pending", nextAttemptAt: T + 60_000 });
    const finished = await delivery({ status: "succeeded", nextAttemptAt: null });
    const row = (id: string) => db.delivery.findUniqueOrThrow({ where: { id } });

    // Times are passed in, so the lease runs out without waiting for it.
    const first = await claim({ limit: 2, leaseSeconds: LEASE_SECONDS, now: new Date(T) });
    expect(first.ids.sort()).toEqual([dueFirst, dueSecond].sort());
    expect(first.leaseToken).toEqual(expect.any(String));
    expect(first.leaseUntil.getTime()).toBe(T + LEASE_SECONDS * 1000);
    for (const id of first.ids) {
      const claimed = await row(id);
      expect(claimed).toMatchObject({ status: "sending", leaseToken: first.leaseToken });
      expect(claimed.nextAttemptAt?.getTime()).toBe(first.leaseUntil.getTime());
    }
    expect(await row(dueLast)).toMatchObject({ status: "pending", leaseToken: null });

    // A second later the leased rows stay with the first claim; the one due last is all there is.
    const second = await claim({ limit: 10, leaseSeconds: LEASE_SECONDS, now: new Date(T + 1_000) });
    expect(second.ids).toEqual([dueLast]);
    expect(second.leaseToken).not.toBe(first.leaseToken);

    // Just after the first lease ran out (the second's still holds), its rows are claimed again under a new token.
    const third = await claim({ limit: 10, leaseSeconds: LEASE_SECONDS, now: new Date(T + LEASE_SECONDS * 1000 + 500) });
    expect(third.ids.sort()).toEqual([dueFirst, dueSecond].sort());
    for (const id of third.ids) expect(await row(id)).toMatchObject({ status: "sending", leaseToken: third.leaseToken, attempts: 1 });
    // The first claim's attempts may have reached the endpoint: the log says they were interrupted.
    const interrupted = await db.attempt.findMany({ where: { deliveryId: { in: third.ids } } });
    expect(interrupted.map((a) => [a.number, a.errorKind, a.succeeded])).toEqual([
      [1, "interrupted", false],
      [1, "interrupted", false],
    ]);
    expect(await db.attempt.count({ where: { deliveryId: { in: [dueLast, notYetDue] } } })).toBe(0);
    expect(await row(notYetDue)).toMatchObject({ status: "pending", leaseToken: null, nextAttemptAt: new Date(T + 60_000) });
    expect(await row(finished)).toMatchObject({ status: "succeeded", leaseToken: null, nextAttemptAt: null });
  });

  it("skips full and backed-off endpoints, gives each endpoint no more than its cap, and takes organizations in turns", async () => {
    const T = Date.now() + 3_600_000; // after the first test's rows, which stay due
    await db.delivery.updateMany({ where: { status: { in: ["pending", "sending"] } }, data: { status: "succeeded", nextAttemptAt: null } });
    const busyOrg = await seedOrg(db);
    const quietOrg = await seedOrg(db);
    const busyApp = await seedApp(db, busyOrg.id);
    const quietApp = await seedApp(db, quietOrg.id);
    const [slow, capped, backedOff] = [await seedEndpoint(db, busyApp.id), await seedEndpoint(db, busyApp.id), await seedEndpoint(db, busyApp.id)];
    const quiet = await seedEndpoint(db, quietApp.id);
    await db.endpoint.update({ where: { id: capped.id }, data: { maxInFlight: 2 } });
    await db.endpoint.update({ where: { id: backedOff.id }, data: { timeoutStreak: 5, backoffUntil: new Date(T + 30_000) } });
    let age = 10_000;
    const backlog = async (endpoint: { id: string; appId: string }, count: number) => {
      for (let i = 0; i < count; i++) {
        const message = await seedMessage(db, endpoint.appId);
        await db.delivery.create({
          data: {
            id: newId("delivery"),
            messageId: message.id,
            endpointId: endpoint.id,
            appId: endpoint.appId,
            status: "pending",
            nextAttemptAt: new Date(T - age--),
          },
        });
      }
    };
    // The busy organization's backlog is older than the quiet one's single message.
    await backlog(slow, 20);
    await backlog(capped, 5);
    await backlog(backedOff, 5);
    await backlog(quiet, 1);

    const { InFlight } = await import("@/lib/delivery/fair-share");
    const inFlight = new InFlight(100);
    // This worker already has the slow endpoint's eight in flight.
    for (let i = 0; i < 8; i++) inFlight.add({ id: `held${i}`, endpointId: slow.id, orgId: busyOrg.id, cap: 8 });
    const picked = await claim({ limit: 3, leaseSeconds: LEASE_SECONDS, now: new Date(T), inFlight });
    // Not the slow one (full), not the backed-off one; the quiet organization's message in the first turn.
    expect(picked.picked.map((c) => c.endpointId)).toEqual([capped.id, quiet.id, capped.id]);
    const more = await claim({ limit: 10, leaseSeconds: LEASE_SECONDS, now: new Date(T), inFlight: new InFlight(100) });
    // Without this worker's slow attempts, the slow endpoint gets up to its cap; the capped one had its two.
    expect(more.picked.filter((c) => c.endpointId === slow.id)).toHaveLength(8);
    expect(more.picked.filter((c) => c.endpointId === capped.id)).toHaveLength(2);
    expect(more.picked.filter((c) => c.endpointId === backedOff.id)).toHaveLength(0);
    // Once its back-off ends, the backed-off endpoint gets one probe.
    const probe = await claim({ limit: 10, leaseSeconds: LEASE_SECONDS, now: new Date(T + 31_000), inFlight: new InFlight(100) });
    expect(probe.picked.filter((c) => c.endpointId === backedOff.id)).toHaveLength(1);
  });

  it("extends the leases of deliveries still sending under their claim's token, and no others", async () => {
    await db.delivery.deleteMany();
    const T = Date.now();
    const app = await seedApp(db, (await seedOrg(db)).id);
    const endpoint = await seedEndpoint(db, app.id);
    for (let i = 0; i < 3; i++) {
      const message = await seedMessage(db, app.id);
      await db.delivery.create({
        data: { id: newId("delivery"), messageId: message.id, endpointId: endpoint.id, appId: app.id, status: "pending", nextAttemptAt: new Date(T - 1_000) },
      });
    }
    const claimed = await claim({ limit: 10, leaseSeconds: LEASE_SECONDS, now: new Date(T) });
    const [held, recorded, takenOver] = claimed.ids;
    await db.delivery.update({ where: { id: recorded }, data: { status: "succeeded", leaseToken: null, nextAttemptAt: null } });
    await db.delivery.update({ where: { id: takenOver }, data: { leaseToken: "another-claim" } });

    const later = T + 10_000;
    const extended = await extendLeases(
      claimed.ids.map((id) => ({ id, leaseToken: claimed.leaseToken })),
      LEASE_SECONDS,
      later,
    );
    expect(extended).toBe(1);
    const row = (id: string) => db.delivery.findUniqueOrThrow({ where: { id } });
    expect((await row(held!)).nextAttemptAt?.getTime()).toBe(later + LEASE_SECONDS * 1000);
    expect(await row(recorded!)).toMatchObject({ status: "succeeded", nextAttemptAt: null });
    expect((await row(takenOver!)).nextAttemptAt?.getTime()).toBe(claimed.leaseUntil.getTime());

    // When the claim's own lease has run out, the kept one is still held; the other is due again.
    const after = await claim({ limit: 10, leaseSeconds: LEASE_SECONDS, now: new Date(T + LEASE_SECONDS * 1000 + 500) });
    expect(after.ids).toEqual([takenOver]);
  });
});
