import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { seedApp, seedEndpoint, seedMessage, seedOrg } from "@/lib/seed/factories";
import { startServer } from "../support/server";

const baseUrl = inject("baseUrl");
const kind = inject("dbKind");

afterAll(() => db.$disconnect());

describe(`foundation on ${kind}`, () => {
  it("answers liveness and readiness", async () => {
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const ready = await fetch(`${baseUrl}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, database: "ok", migrations: { pending: [] } });
  });

  it("serves the landing page", async () => {
    const page = await fetch(baseUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Webhooks, delivered");
  });

  it("answers unknown API routes with 404", async () => {
    expect((await fetch(`${baseUrl}/api/nope`)).status).toBe(404);
  });

  it("stores the whole data model and keeps one eventId per application", async () => {
    const org = await seedOrg(db);
    const app = await seedApp(db, org.id, { uid: "customer-1" });
    const endpoint = await seedEndpoint(db, app.id, { filterTypes: ["invoice.paid"] });
    const message = await seedMessage(db, app.id, { eventId: "evt-1", payload: { n: 1 } });
    expect(message.payload).toBe('{"n":1}');
    expect((await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).filterTypes).toEqual(["invoice.paid"]);

    const duplicate = await seedMessage(db, app.id, { eventId: "evt-1" }).catch((e) => e);
    expect(toAppError(duplicate).status).toBe(409);
    // The same eventId in another application is fine.
    const other = await seedApp(db, org.id);
    await expect(seedMessage(db, other.id, { eventId: "evt-1" })).resolves.toBeTruthy();
  });

  it("removes an organization's data with it (foreign keys enforced)", async () => {
    const org = await seedOrg(db);
    const app = await seedApp(db, org.id);
    const endpoint = await seedEndpoint(db, app.id);
    const message = await seedMessage(db, app.id);
    const delivery = await db.delivery.create({
      data: { id: newId("delivery"), messageId: message.id, endpointId: endpoint.id, appId: app.id },
    });
    await db.attempt.create({
      data: {
        id: newId("attempt"),
        deliveryId: delivery.id,
        messageId: message.id,
        endpointId: endpoint.id,
        appId: app.id,
        number: 1,
        trigger: "scheduled",
        succeeded: true,
        url: endpoint.url,
        requestHeaders: {},
        durationMs: 12,
      },
    });
    await db.organization.delete({ where: { id: org.id } });
    expect(await db.attempt.count({ where: { endpointId: endpoint.id } })).toBe(0);
    expect(await db.message.count({ where: { appId: app.id } })).toBe(0);
    // A child row pointing at a missing parent is refused.
    await expect(seedEndpoint(db, "app_missing")).rejects.toThrow();
  });
});

describe("readiness failures", () => {
  it("reports pending migrations and an unreachable database with 503", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pigeon-empty-"));
    const empty = await startServer({ DATABASE_URL: `file:${path.join(dir, "empty.db")}`, PIGEON_DATA_DIR: dir });
    try {
      const ready = await fetch(`${empty.url}/api/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        ready: false,
        database: "ok",
        migrations: { applied: 0, pending: expect.arrayContaining([expect.stringMatching(/_init$/)]) },
      });
    } finally {
      await empty.stop();
    }
    const down = await startServer({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nothing", PIGEON_DATA_DIR: dir });
    try {
      const ready = await fetch(`${down.url}/api/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false, database: "unreachable" });
    } finally {
      await down.stop();
    }
  });
});

describe("operator commands", () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { env: { ...process.env, ...env } as NodeJS.ProcessEnv, encoding: "utf8" });

  it("reject a bad PORT or DATABASE_URL with one line naming the variable", () => {
    for (const [name, value] of [
      ["PORT", "abc"],
      ["PORT", "99999"],
      ["DATABASE_URL", "mysql://db/x"],
    ] as const) {
      const result = run({ [name]: value });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(name);
    }
  });
});
