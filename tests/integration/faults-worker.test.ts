import { type ChildProcess, spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { createDb, type Db } from "@/lib/db";
import { seedMember, seedOrg } from "@/lib/seed/factories";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { testServerEnv } from "../setup/global-setup";
import { type Receiver, startReceiver } from "../support/receiver";
import { type RunningServer, startServer } from "../support/server";
import { startTcpProxy } from "../support/tcp-proxy";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { sleep, until } from "../support/wait";
import { postJson } from "../support/http";

// Faults around a standalone worker: a lease too short for one attempt, recording held up
// for longer than the lease, and PostgreSQL restarting under a draining worker. Its own
// database and web server (with the in-process worker off), so wake-ups only come through
// LISTEN/NOTIFY.

const kind = inject("dbKind");
const root = path.resolve(import.meta.dirname, "../..");
// The shortest lease the attempt timeout allows: one second for the attempt, five to claim and record it.
const LEASE_SECONDS = 6;
const WORKER_ENV = { PIGEON_LEASE_SECONDS: String(LEASE_SECONDS), PIGEON_ATTEMPT_TIMEOUT_MS: "1000", PIGEON_WORKER_CONCURRENCY: "16" };

let database: TestDatabase;
let db: Db;
let server: RunningServer;
let receiver: Receiver;
let key: string;
let orgId: string;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase(kind);
  await runMigrations(database.url, root);
  server = await startServer({ ...testServerEnv, DATABASE_URL: database.url, PIGEON_DATA_DIR: inject("dataDir"), PIGEON_WORKER: "false" });
  db = createDb(database.url);
  orgId = (await seedOrg(db)).id;
  key = (await insertApiKey(db, orgId, "faults", "admin")).key;
  receiver = await startReceiver();
}, 120_000);

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await server?.stop();
  await receiver?.close();
  await db?.$disconnect();
  await database?.drop();
});

function startWorker(env: Record<string, string>, databaseUrl = database.url) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, ...testServerEnv, DATABASE_URL: databaseUrl, PIGEON_DATA_DIR: inject("dataDir"), ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  workers.push(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, exited, output: () => output };
}

const api = (pathname: string, body: unknown) => postJson(server.url, key, pathname, body);

async function appWithEndpoint(name: string, pathname: string) {
  const app = await api("/api/v1/app", { name });
  const endpoint = await api(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url(pathname) });
  return { appId: app.id as string, endpointId: endpoint.id as string };
}

const sendMessages = (appId: string, count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => api(`/api/v1/app/${appId}/msg`, { eventType: "fault.test", payload: { i } })));

const receipts = (pathname: string) => new Set(receiver.requests(pathname).map((r) => r.headers["webhook-id"]));

/** Accept → receipt of single messages sent to an idle queue, each at a random point of the worker's poll interval. */
async function idleLatencies(appId: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    await sleep(200 + Math.random() * 800);
    const accepted = Date.now();
    const message = await api(`/api/v1/app/${appId}/msg`, { eventType: "idle.test", payload: { i } });
    latencies.push((await receiver.arrival(message.id)).at - accepted);
  }
  return latencies.sort((a, b) => a - b);
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]!;

describe(`worker faults on ${kind}`, () => {
  it("refuse at start-up a lease shorter than one attempt, naming both variables", async () => {
    const tooShort = { PIGEON_LEASE_SECONDS: "5", PIGEON_ATTEMPT_TIMEOUT_MS: "8000" };
    const worker = startWorker(tooShort);
    const code = await Promise.race([worker.exited, sleep(20_000).then(() => "still running")]);
    worker.child.kill("SIGKILL");
    expect(code, worker.output()).toBe(1);
    expect(worker.output()).toContain("PIGEON_LEASE_SECONDS must be at least 13 with PIGEON_ATTEMPT_TIMEOUT_MS=8000");
    const started = await startServer({ ...testServerEnv, ...tooShort, DATABASE_URL: database.url, PIGEON_DATA_DIR: inject("dataDir") }).then(
      async (running) => (await running.stop(), "started"),
      (error: Error) => error.message,
    );
    expect(started).toContain("PIGEON_LEASE_SECONDS must be at least 13 with PIGEON_ATTEMPT_TIMEOUT_MS=8000");
  }, 90_000);

  it("keep the leases of attempts waiting to be recorded, so none is sent twice", async () => {
    // Recording is held up: the failing-endpoint notice's email waits on an SMTP server that
    // does not answer, and the recorder writes one group after another.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        held++;
        stream.resume();
        stream.on("end", () => void released.then(() => callback()));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    try {
      await seedMember(db, orgId, { role: "admin" });
      const worker = startWorker({
        ...WORKER_ENV,
        SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        PIGEON_RETRY_SCHEDULE: "none",
        PIGEON_DISABLE_MIN_ATTEMPTS: "1",
      });
      const failing = await appWithEndpoint("Failing", "/failing");
      receiver.answer("/failing", { status: 500 });
      await sendMessages(failing.appId, 1);
      await until(() => held > 0, "the notice's email to hang", 30_000);

      const fine = await appWithEndpoint("Fine", "/fine");
      const MESSAGES = 20;
      await sendMessages(fine.appId, MESSAGES);
      await until(() => receipts("/fine").size === MESSAGES, "every message to arrive once");
      // Long enough for the leases to run out twice over, were they not kept.
      await sleep(2.5 * LEASE_SECONDS * 1000);
      const unrecorded = await db.delivery.count({ where: { endpointId: fine.endpointId, status: "sending" } });
      release();
      await until(
        async () => (await db.delivery.count({ where: { endpointId: fine.endpointId, status: "succeeded" } })) === MESSAGES,
        "every delivery to be recorded",
      ).catch((error: Error) => {
        throw new Error(`${error.message}; worker said:\n${worker.output().slice(-3000)}`);
      });
      const attempts = await db.attempt.findMany({ where: { endpointId: fine.endpointId }, select: { number: true } });
      console.log(
        `[${kind}] recording held up ${2.5 * LEASE_SECONDS} s with a ${LEASE_SECONDS} s lease: ${receiver.requests("/fine").length} requests for ${MESSAGES} messages, ` +
          `${attempts.length} attempts recorded, numbered ${[...new Set(attempts.map((a) => a.number))].join(",")}`,
      );
      // The attempts really waited longer than the lease to be recorded.
      expect(unrecorded).toBe(MESSAGES);
      expect(receiver.requests("/fine")).toHaveLength(MESSAGES);
      expect(attempts.map((a) => a.number)).toEqual(Array(MESSAGES).fill(1));
      worker.child.kill("SIGTERM");
      expect(await worker.exited).toBe(0);
    } finally {
      release();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  }, 120_000);

  it("send a batch again whole, under the same id, when its worker is killed mid-POST, recording each message's lost attempt", async () => {
    const first = startWorker(WORKER_ENV);
    const app = await api("/api/v1/app", { name: "Batch crash" });
    await api(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/crash-batch"), batch: { maxSize: 20, maxWaitMs: 200 } });
    // The first POST hangs past the kill; the next is answered at once.
    receiver.answer("/crash-batch", (_request, n) => (n === 1 ? { delayMs: 30_000 } : {}));
    const messages = await Promise.all(Array.from({ length: 20 }, (_, i) => api(`/api/v1/app/${app.id}/msg`, { eventType: "batch.crash", payload: { i } })));
    await until(() => receiver.requests("/crash-batch").length === 1, "the batch's first POST", 30_000);
    first.child.kill("SIGKILL");
    await first.exited;
    const second = startWorker(WORKER_ENV);
    await until(() => receiver.requests("/crash-batch").length === 2, "the batch again once its lease ran out", 30_000);
    const [lost, again] = receiver.requests("/crash-batch");
    expect(again!.headers["webhook-id"]).toBe(lost!.headers["webhook-id"]);
    expect(again!.body).toBe(lost!.body);
    const ids = (JSON.parse(again!.body) as { id: string }[]).map((e) => e.id);
    expect(ids.sort()).toEqual(messages.map((m) => m.id as string).sort());
    await until(async () => (await db.delivery.count({ where: { messageId: { in: ids }, status: "succeeded" } })) === 20, "every delivery recorded");
    const attempts = await db.attempt.findMany({ where: { messageId: { in: ids } }, orderBy: { number: "asc" } });
    expect(attempts).toHaveLength(40);
    for (const id of ids) {
      expect(attempts.filter((a) => a.messageId === id).map((a) => [a.number, a.errorKind, a.succeeded])).toEqual([
        [1, "interrupted", false],
        [2, null, true],
      ]);
    }
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 90_000);

  // A restart of the shared PostgreSQL server would disturb every other suite: what it does
  // to the clients is done instead — every connection to this database is terminated, and
  // the worker's way to the server is cut for a few seconds.
  const postgresOnly = kind === "postgres" ? it : () => undefined;

  postgresOnly(
    "lose nothing when PostgreSQL restarts mid-drain, and listen for wake-ups again",
    async () => {
      const target = new URL(database.url);
      const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      const viaProxy = new URL(database.url);
      viaProxy.port = String(proxy.port);
      const worker = startWorker(WORKER_ENV, viaProxy.toString());
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const listening = async () =>
          (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`))
            .rows[0]!.n === 1;
        await until(listening, "the worker to listen for wake-ups");
        const { appId } = await appWithEndpoint("Restart", "/drain");
        const before = await idleLatencies(appId, 11);

        // Slow answers, so the drain takes a while (16 at a time, half a second each).
        receiver.answer("/drain", { delayMs: 500 });
        const MESSAGES = 300;
        await sendMessages(appId, MESSAGES);
        const drained = () => receipts("/drain").size - before.length;
        await until(() => drained() >= 40, "the drain to be under way");
        const receivedAtRestart = drained();
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
        await proxy.stop();
        await sleep(3_000);
        await proxy.start();
        await until(() => receipts("/drain").size === MESSAGES + before.length, "every message to arrive", 90_000).catch(async (error: Error) => {
          const statuses = await db.delivery.groupBy({ by: ["status"], where: { appId }, _count: true });
          throw new Error(
            `${error.message}: ${receipts("/drain").size} of ${MESSAGES + before.length}; deliveries ${JSON.stringify(statuses)}; worker exit ${worker.child.exitCode}, said:\n${worker.output().slice(-4000)}`,
          );
        });
        await until(
          async () => (await db.delivery.count({ where: { appId, status: "succeeded" } })) === MESSAGES + before.length,
          "every delivery to be recorded",
          30_000,
        );
        const duplicates = receiver.requests("/drain").length - receipts("/drain").size;

        receiver.answer("/drain", {});
        const listeningAgain = await until(listening, "the worker to listen again", 15_000).catch(() => false);
        const after = await idleLatencies(appId, 11);
        console.log(
          `[${kind}] restart after ${receivedAtRestart} of ${MESSAGES}: all received, ${duplicates} duplicates; ` +
            `idle accept → receipt p50 ${median(before)} ms before, ${median(after)} ms after (max ${after.at(-1)} ms); listening again: ${listeningAgain}`,
        );
        expect(receivedAtRestart).toBeLessThan(MESSAGES);
        expect(worker.child.exitCode, "the worker lives on").toBeNull();
        expect(listeningAgain).toBe(true);
        expect(median(after)).toBeLessThan(50);
        expect(worker.output()).toMatch(/"level":"warn".*"msg":"stopped listening for wake-ups/);
        expect(worker.output()).toMatch(/"level":"info".*"msg":"listening for wake-ups again"/);
      } finally {
        worker.child.kill("SIGKILL");
        await admin.end();
        await proxy.stop();
      }
    },
    180_000,
  );
});
