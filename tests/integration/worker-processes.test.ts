import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { createDb, type Db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { testServerEnv } from "../setup/global-setup";
import { type Received, type Receiver, startReceiver } from "../support/receiver";
import { startServer, type RunningServer } from "../support/server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { sleep, until } from "../support/wait";
import { postJson } from "../support/http";
import { startWorkerProcess } from "../support/worker-process";

// Standalone workers as separate processes against their own database, with the web
// server's in-process worker off: crash safety and sharing the load.

const kind = inject("dbKind");
const root = path.resolve(import.meta.dirname, "../..");
const MESSAGES = 2000;

let database: TestDatabase;
let db: Db;
let server: RunningServer;
let receiver: Receiver;
let key: string;
const workers: ChildProcess[] = [];

// What the receiver answered: a receipt per message id, all of them, and any that
// overlapped another attempt of the same message at the receiver.
const answered = () => receiver.received.filter((r) => r.answeredAt !== undefined);
const receipts = () => new Set(answered().map((r) => r.headers["webhook-id"]));
const inFlight = () => receiver.received.some((r) => r.answeredAt === undefined);
function overlaps(): Received[] {
  const end = (r: Received) => r.answeredAt ?? Infinity;
  const all = receiver.received;
  return all.filter((a, i) => all.slice(i + 1).some((b) => b.headers["webhook-id"] === a.headers["webhook-id"] && b.at < end(a) && a.at < end(b)));
}

beforeAll(async () => {
  database = await createTestDatabase(kind);
  await runMigrations(database.url, root);
  server = await startServer({
    ...testServerEnv,
    DATABASE_URL: database.url,
    PIGEON_DATA_DIR: inject("dataDir"),
    PIGEON_WORKER: "false",
    PIGEON_WORKER_SECRET: "route-worker-secret",
  });
  db = createDb(database.url);
  key = (await insertApiKey(db, (await seedOrg(db)).id, "workers", "admin")).key;
  // A little work per request keeps the run long enough to crash a worker in it.
  receiver = await startReceiver({ delayMs: 3 });
  receiver.answer("/slow", { delayMs: 400 });
}, 120_000);

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await server?.stop();
  await receiver?.close();
  await db?.$disconnect();
  await database?.drop();
});

function startWorker(options: { clockSkewMs?: number } = {}) {
  const worker = startWorkerProcess(
    {
      ...testServerEnv,
      DATABASE_URL: database.url,
      PIGEON_DATA_DIR: inject("dataDir"),
      PIGEON_LEASE_SECONDS: "6",
      PIGEON_ATTEMPT_TIMEOUT_MS: "1000",
      PIGEON_WORKER_CONCURRENCY: "16",
    },
    options,
  );
  workers.push(worker.child);
  return worker;
}

const api = (pathname: string, body: unknown) => postJson(server.url, key, pathname, body);

async function sendMessages(appId: string, count: number, concurrency = 32) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        await api(`/api/v1/app/${appId}/msg`, { eventType: "load.test", payload: { i } });
      }
    }),
  );
}

describe(`standalone workers on ${kind}`, () => {
  it("lose nothing when a worker is killed with SIGKILL mid-run; duplicates stay within what was in flight", async () => {
    receiver.reset();
    const app = await api("/api/v1/app", { name: "Kill test" });
    await api(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/kill") });
    const first = startWorker();
    const sending = sendMessages(app.id, MESSAGES);
    await until(() => receipts().size >= 400, "the first worker to deliver 400 messages", 120_000).catch(async (error) => {
      const statuses = await db.delivery.groupBy({ by: ["status"], _count: true });
      throw new Error(`${error.message}; deliveries ${JSON.stringify(statuses)}; worker said:\n${first.stats.output.slice(-3000)}`);
    });
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    const leased = await db.delivery.count({ where: { status: "sending" } });
    const receivedAtKill = answered().length;
    startWorker();
    await sending;
    await until(() => receipts().size === MESSAGES, `all ${MESSAGES} messages`, 120_000);
    await until(async () => (await db.delivery.count({ where: { status: "succeeded" } })) === MESSAGES, "every delivery to be marked succeeded");
    const total = answered().length;
    const duplicates = total - MESSAGES;
    console.log(`[${kind}] kill test: ${receivedAtKill} received before the kill, ${leased} leased at the kill, ${duplicates} duplicate receipts after`);
    expect(receipts().size).toBe(MESSAGES);
    expect(duplicates).toBeLessThanOrEqual(leased);
    // Attempts in flight in the killed worker reached the receiver but died unrecorded; the
    // worker that claimed them again recorded each as interrupted, so the log has them all.
    const recorded = await db.attempt.count({ where: { succeeded: true } });
    const interrupted = await db.attempt.count({ where: { errorKind: "interrupted" } });
    expect(recorded).toBeGreaterThanOrEqual(MESSAGES);
    expect(total - recorded).toBeLessThanOrEqual(leased);
    expect(interrupted).toBeLessThanOrEqual(leased);
    expect(recorded + interrupted).toBeGreaterThanOrEqual(total);
    console.log(`[${kind}] kill test: ${total} receipts, ${recorded} successes and ${interrupted} interrupted attempts recorded`);
  }, 300_000);

  it("keep to the database's clock: a worker whose clock runs 90 s ahead takes no delivery another worker holds", async () => {
    receiver.reset();
    for (const worker of workers) worker.kill("SIGKILL");
    const app = await api("/api/v1/app", { name: "Clock skew" });
    await api(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/skew"), maxInFlight: 50 });
    receiver.answer("/skew", { delayMs: 300 });
    startWorker();
    const ahead = startWorker({ clockSkewMs: 90_000 });
    await sendMessages(app.id, 200);
    await until(() => receipts().size === 200, "all 200 messages", 60_000);
    await until(
      async () => (await db.delivery.count({ where: { messageId: { in: [...receipts()] as string[] }, status: "succeeded" } })) === 200,
      "200 successes",
    );
    // On its own clock every lease another worker held had run out 85 s ago: it took them all again.
    expect(overlaps()).toEqual([]);
    expect(answered().length).toBe(200);
    expect(ahead.stats.output).toContain("this machine's clock differs from the database's");
    console.log(`[${kind}] clock skew: 200 messages, ${answered().length} receipts with a worker 90 s ahead`);
  }, 120_000);

  it("finish the attempts in flight on SIGTERM, record them, and exit", async () => {
    receiver.reset();
    for (const worker of workers) worker.kill("SIGKILL");
    const app = await api("/api/v1/app", { name: "Graceful" });
    const endpoint = await api(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/slow") });
    await sendMessages(app.id, 100);
    const worker = startWorker();
    await until(inFlight, "attempts in flight");
    const stopped = Date.now();
    worker.child.kill("SIGTERM");
    const code = await new Promise((resolve) => worker.child.once("exit", resolve));
    const took = Date.now() - stopped;
    expect(code).toBe(0);
    expect(took).toBeLessThan(15_000);
    // Nothing is left leased: what was sent is recorded, the rest is still waiting.
    expect(await db.delivery.count({ where: { endpointId: endpoint.id, status: "sending" } })).toBe(0);
    const recorded = await db.attempt.count({ where: { endpointId: endpoint.id } });
    expect(recorded).toBe(answered().length);
    expect(recorded).toBeGreaterThan(0);
    console.log(`[${kind}] graceful stop: exited ${took} ms after SIGTERM with ${recorded} attempts recorded`);
    await db.endpoint.delete({ where: { id: endpoint.id } });
  }, 120_000);

  it("drain due deliveries through the route worker for a scheduler", async () => {
    receiver.reset();
    for (const worker of workers) worker.kill("SIGKILL");
    const app = await api("/api/v1/app", { name: "Route worker" });
    await api(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/route") });
    await sendMessages(app.id, 50);
    expect(receipts().size).toBe(0);
    const call = (secret: string) => fetch(`${server.url}/api/worker?seconds=20`, { method: "POST", headers: { authorization: `Bearer ${secret}` } });
    expect((await call("wrong")).status).toBe(401);
    const drained = await call("route-worker-secret");
    expect(drained.status).toBe(200);
    expect(await drained.json()).toEqual({ attempted: 50, succeeded: 50, failed: 0 });
    expect(receipts().size).toBe(50);
  }, 60_000);

  // Several processes at once are a PostgreSQL deployment (SQLite runs one process), so
  // these run in the PostgreSQL suite only.
  const postgresOnly = kind === "postgres" ? it : () => undefined;

  postgresOnly(
    "wake an idle worker in another process at once through LISTEN/NOTIFY",
    async () => {
      for (const worker of workers) worker.kill("SIGKILL");
      const app = await api("/api/v1/app", { name: "Wake-up" });
      await api(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/wake") });
      startWorker();
      // Its LISTEN connection is the only one (the other workers died with their connections).
      const listening = async () =>
        (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`)[0]!
          .n === 1;
      await until(listening, "the worker to listen for wake-ups");
      const latencies: number[] = [];
      for (let i = 0; i < 10; i++) {
        // Each message arrives while the worker is idle, at a random point of its poll interval.
        await sleep(200 + Math.random() * 800);
        const accepted = Date.now();
        const message = await api(`/api/v1/app/${app.id}/msg`, { eventType: "wake.up", payload: { i } });
        latencies.push((await receiver.arrival(message.id)).at - accepted);
      }
      // Recorded, so the next test's SIGKILL finds nothing in flight (that would be sent again).
      await until(async () => (await db.delivery.count({ where: { appId: app.id, status: "succeeded" } })) === 10, "the wake-up deliveries to be recorded");
      latencies.sort((a, b) => a - b);
      console.log(`[${kind}] accept → receipt with an idle worker in another process: median ${latencies[5]} ms, max ${latencies[9]} ms`);
      // Polling alone (every second) would put the median near 500 ms.
      expect(latencies[5]).toBeLessThan(250);
    },
    60_000,
  );

  postgresOnly(
    "share the load on PostgreSQL without attempting one delivery twice at the same time",
    async () => {
      receiver.reset();
      for (const worker of workers) worker.kill("SIGKILL");
      const app = await api("/api/v1/app", { name: "Two workers" });
      const endpoint = await api(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/pair") });
      const a = startWorker();
      const b = startWorker();
      await sendMessages(app.id, MESSAGES);
      await until(() => receipts().size === MESSAGES, `all ${MESSAGES} messages`, 120_000);
      await until(
        async () => (await db.delivery.count({ where: { endpointId: endpoint.id, status: "succeeded" } })) === MESSAGES,
        "every delivery to be marked succeeded",
      );
      console.log(`[${kind}] two workers: ${a.stats.attempted} and ${b.stats.attempted} attempts`);
      expect(overlaps()).toEqual([]);
      expect(answered()).toHaveLength(MESSAGES);
      expect(await db.attempt.count({ where: { endpointId: endpoint.id } })).toBe(MESSAGES);
      expect(a.stats.attempted).toBeGreaterThan(MESSAGES * 0.1);
      expect(b.stats.attempted).toBeGreaterThan(MESSAGES * 0.1);
    },
    300_000,
  );
});
