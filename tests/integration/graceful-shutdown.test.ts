import { spawn } from "node:child_process";
import path from "node:path";
import { expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { createDb } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { testServerEnv } from "../setup/global-setup";
import { startReceiver } from "../support/receiver";
import { freePort } from "../support/server";
import { createTestDatabase } from "../support/test-database";
import { until } from "../support/wait";

const kind = inject("dbKind");
const root = path.resolve(import.meta.dirname, "../..");

it(`npm start on ${kind} finishes and records the attempts in flight when stopped with SIGTERM`, async () => {
  const database = await createTestDatabase(kind);
  await runMigrations(database.url, root);
  const db = createDb(database.url);
  const receiver = await startReceiver({ delayMs: 1500 });
  const inFlight = () => receiver.received.filter((r) => r.answeredAt === undefined).length;
  const answered = () => receiver.received.length - inFlight();
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, ...testServerEnv, DATABASE_URL: database.url, PIGEON_DATA_DIR: inject("dataDir"), PORT: String(port) } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  try {
    const base = `http://127.0.0.1:${port}`;
    await until(
      () =>
        fetch(`${base}/api/ready`).then(
          (r) => r.ok,
          () => false,
        ),
      "the server to be ready",
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}:\n${output}`);
    });
    const key = (await insertApiKey(db, (await seedOrg(db)).id, "graceful", "admin")).key;
    const call = async (pathname: string, body: unknown) =>
      (
        await fetch(`${base}${pathname}`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json();
    const app = await call("/api/v1/app", { name: "Graceful" });
    await call(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/slow") });
    for (let i = 0; i < 10; i++) await call(`/api/v1/app/${app.id}/msg`, { eventType: "slow.one", payload: { i } });
    await until(() => inFlight() > 0, "an attempt to start", 5_000);
    const sentBeforeStop = receiver.received.length;
    server.kill("SIGTERM");
    const code = await new Promise((resolve) => server.once("exit", resolve));
    expect(code).toBe(0);
    // Every attempt that reached the receiver was answered and recorded; none is left leased.
    expect(inFlight()).toBe(0);
    expect(await db.attempt.count({ where: { appId: app.id } })).toBe(answered());
    expect(answered()).toBeGreaterThanOrEqual(sentBeforeStop);
    expect(await db.delivery.count({ where: { appId: app.id, status: "sending" } })).toBe(0);
  } finally {
    server.kill("SIGKILL");
    await receiver.close();
    await db.$disconnect();
    await database.drop();
  }
}, 120_000);
