import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { createDb } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { testServerEnv } from "../setup/global-setup";
import { startReceiver } from "../support/receiver";
import { postJson } from "../support/http";
import { type RunningServer, startServer } from "../support/server";
import { createTestDatabase } from "../support/test-database";
import { sleep, until } from "../support/wait";

// `npm start` runs two processes: the web server and the delivery worker beside it. New
// work wakes the worker across the process boundary, and a worker that dies is started again.

const kind = inject("dbKind");
const root = path.resolve(import.meta.dirname, "../..");

/** The pids of a process's children whose command line contains `match`. */
function childrenOf(pid: number, match: string): number[] {
  let out: string;
  try {
    out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" });
  } catch {
    return []; // ps exits 1 when there are none
  }
  return out
    .trim()
    .split("\n")
    .filter((line) => line.includes(match))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

it(`npm start on ${kind} runs the worker in its own process, wakes it at once for new messages and restarts it when it dies`, async () => {
  const database = await createTestDatabase(kind);
  await runMigrations(database.url, root);
  const db = createDb(database.url);
  const receiver = await startReceiver();
  let server: RunningServer | null = null;
  try {
    // NEXTAUTH_URL alone names the public address (no PUBLIC_URL): the printed links follow it.
    const publicUrl = "http://127.0.0.1:39999";
    server = await startServer(
      { ...testServerEnv, DATABASE_URL: database.url, PIGEON_DATA_DIR: inject("dataDir"), NEXTAUTH_URL: publicUrl },
      { npmStart: true },
    );
    // It listens on this machine only (HOST unset), and prints the public address it was given.
    await until(() => server!.output().includes("Pigeon is running"), "the start-up banner");
    expect(server.output()).toContain(`Pigeon is running at ${publicUrl}`);
    expect(server.output()).toMatch(/Local:\s+http:\/\/127\.0\.0\.1:\d+/);
    // npm start's process → the web server (next) and the worker (scripts/worker.ts).
    const node = server.process.pid!;
    const worker = await until(() => childrenOf(node, "scripts/worker.ts")[0], "the worker process");

    const key = (await insertApiKey(db, (await seedOrg(db)).id, "npm start", "admin")).key;
    const call = (pathname: string, body: unknown) => postJson(server!.url, key, pathname, body);
    const app = await call("/api/v1/app", { name: "Two processes" });
    await call(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/two") });

    // An idle worker polls once a second; woken through npm start, it sends within milliseconds.
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await sleep(300);
      const sent = Date.now();
      await call(`/api/v1/app/${app.id}/msg`, { eventType: "wake.up", payload: { i } });
      await until(() => receiver.received.length > i, `message ${i}`, 5_000);
      delays.push(Date.now() - sent);
    }
    expect(Math.max(...delays), `send → receipt (ms): ${delays.join(", ")}`).toBeLessThan(500);

    // A worker that dies is started again; nothing sent meanwhile is lost.
    process.kill(worker, "SIGKILL");
    await call(`/api/v1/app/${app.id}/msg`, { eventType: "wake.up", payload: { i: 5 } });
    // The new worker starts after a second and boots in a few; on a machine busy with the
    // other suites that has taken longer than 15 s.
    await until(() => receiver.received.length >= 6, "the message sent while the worker was down", 45_000);
    const restarted = childrenOf(node, "scripts/worker.ts")[0];
    expect(restarted).toBeDefined();
    expect(restarted).not.toBe(worker);
    expect(server.output()).toContain("Delivery worker exited");

    const exited = new Promise((resolve) => server!.process.once("exit", resolve));
    await server.stop("SIGTERM");
    expect(await exited).toBe(0);
    server = null;
  } finally {
    await server?.stop("SIGKILL");
    await receiver.close();
    await db.$disconnect();
    await database.drop();
  }
}, 120_000);
