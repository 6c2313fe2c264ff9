import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { createDb } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { testServerEnv } from "../setup/global-setup";
import { freePort } from "../support/server";
import { createTestDatabase } from "../support/test-database";

const kind = inject("dbKind");
const root = path.resolve(import.meta.dirname, "../..");

it(`npm start on ${kind} finishes and records the attempts in flight when stopped with SIGTERM`, async () => {
  const database = await createTestDatabase(kind);
  await runMigrations(database.url, root);
  const db = createDb(database.url);
  let inFlight = 0;
  let answered = 0;
  const receiver = createServer((req, res) => {
    inFlight += 1;
    req.resume();
    setTimeout(() => {
      inFlight -= 1;
      answered += 1;
      res.end("ok");
    }, 1500);
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
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
    for (let i = 0; !(await fetch(`${base}/api/ready`).then((r) => r.ok, () => false)); i++) {
      if (i > 600) throw new Error(`server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const key = (await insertApiKey(db, (await seedOrg(db)).id, "graceful", "admin")).key;
    const call = async (pathname: string, body: unknown) =>
      (await fetch(`${base}${pathname}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) })).json();
    const app = await call("/api/v1/app", { name: "Graceful" });
    await call(`/api/v1/app/${app.id}/endpoint`, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slow` });
    for (let i = 0; i < 10; i++) await call(`/api/v1/app/${app.id}/msg`, { eventType: "slow.one", payload: { i } });
    for (let i = 0; inFlight === 0; i++) {
      if (i > 200) throw new Error("no attempt started");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const sentBeforeStop = inFlight + answered;
    server.kill("SIGTERM");
    const code = await new Promise((resolve) => server.once("exit", resolve));
    expect(code).toBe(0);
    // Every attempt that reached the receiver was answered and recorded; none is left leased.
    expect(inFlight).toBe(0);
    expect(await db.attempt.count({ where: { appId: app.id } })).toBe(answered);
    expect(answered).toBeGreaterThanOrEqual(sentBeforeStop);
    expect(await db.delivery.count({ where: { appId: app.id, status: "sending" } })).toBe(0);
  } finally {
    server.kill("SIGKILL");
    receiver.closeAllConnections();
    receiver.close();
    await db.$disconnect();
    await database.drop();
  }
}, 120_000);
