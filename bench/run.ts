// npm run bench — throughput, latency, ingest and memory of a production build on this
// machine, printed as a table and written to bench/results/<time>.json. A report, not a test.
//
//   npm run bench -- [--messages 20000] [--db sqlite|postgres|both] [--fanout 1,5] [--skip-latency] [--skip-peer]
//
// Every figure comes from real processes: the production server (`next start`), standalone
// workers (`npm run worker`) where a scenario has them, a receiver in its own process, and a
// fresh database per scenario (an SQLite file; a PostgreSQL database on BENCH_POSTGRES_URL).
// The peer (bench/peer: BullMQ + Redis) goes through the same scenarios for comparison.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { Pool } from "undici";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { createDb } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { buildIfNeeded } from "../scripts/lib/build-if-needed";
import { runMigrations } from "../scripts/lib/run-migrations";
import { startServer } from "../tests/support/server";
import { type StreamResult, streamScenario } from "./lib/stream";
import { type BatchingResult, batchingScenario } from "./lib/batching";
import { freshDatabase, postgresAdmin, type Receiver, startReceiver, stopChild, waitForReceipts } from "./lib/harness";
import { MemoryWatch } from "./lib/memory-watch";
import { ensureRedis, launchPeer, redisUrl } from "./lib/peer";
import { apiPool, type Launch, type Target } from "./lib/target";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "20000" },
    db: { type: "string", default: "both" },
    "skip-latency": { type: "boolean", default: false },
    "skip-peer": { type: "boolean", default: false },
    fanout: { type: "string", default: "1,5" },
    concurrency: { type: "string", default: "64" },
  },
});
const MESSAGES = Number(values.messages);
const INGEST_CLIENTS = Number(values.concurrency);
// `--fanout none` skips the throughput scenarios.
const FANOUTS = values.fanout
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
// The fanout the peer is measured at and compared with Pigeon.
const COMPARED_FANOUT = FANOUTS.includes(5) ? 5 : FANOUTS.length ? Math.max(...FANOUTS) : null;
const LATENCY_RUNS = [
  { rate: 200, seconds: 10 },
  { rate: 1000, seconds: 5 },
];
const WORKER_CONCURRENCY = 64;
const databases = values.db === "both" ? (["sqlite", "postgres"] as const) : [values.db as "sqlite" | "postgres"];
const PAYLOAD = { type: "bench", data: { padding: "x".repeat(960) } }; // ≈ 1 kB of JSON
const now = () => performance.timeOrigin + performance.now();
// BENCH_PROFILE_DIR=dir writes a V8 CPU profile of every server and worker process there.
const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE_DIR)}`] : [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── helpers ───────────────────────────────────────────────────────────────────────────

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The machine's CPU counters (Linux /proc/stat): busy and total jiffies over all cores. */
function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3]! + (fields[4] ?? 0);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [...profile, "--import", "tsx", path.join(root, "scripts/worker.ts")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

// ── one environment: database, server, workers, an app with endpoints ────────────────

/** Where deliveries run: the server's in-process worker (one node) or N standalone workers. */
type Layout = { kind: "one node" } | { kind: "workers"; count: number };

/**
 * Pigeon as a target: a fresh database, the server, the workers of the layout and an app with
 * `fanout` endpoints. `release()` of a held stage restarts the one-node server with its worker
 * on, or starts the standalone workers.
 */
async function stage(kind: "sqlite" | "postgres", layout: Layout, fanout: number, receiver: Receiver, options: { held?: boolean } = {}): Promise<Target> {
  const database = await freshDatabase(kind);
  await runMigrations(database.url, root);
  const db = createDb(database.url);
  const org = await seedOrg(db, { name: "bench" });
  const { key } = await insertApiKey(db, org.id, "bench", "admin");
  await db.$disconnect();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pigeon-bench-data-"));
  const env = {
    DATABASE_URL: database.url,
    PIGEON_DATA_DIR: dataDir,
    // The web process and the workers must share it (required on PostgreSQL in production).
    PIGEON_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    PIGEON_ALLOWED_NETWORKS: "127.0.0.0/8",
    PIGEON_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    // One organization, nothing to share with: it may use every slot (the default keeps a quarter for others).
    PIGEON_ORG_MAX_IN_FLIGHT: String(WORKER_CONCURRENCY),
    // One organization sends as fast as it can: no API rate limit unless BENCH_API_RATE_LIMIT
    // sets one (to measure what counting costs; bench:scale checks that the limit holds).
    PIGEON_API_RATE_LIMIT: process.env.BENCH_API_RATE_LIMIT ?? "0",
  };
  // One node is what `npm start` runs: the web server and its worker beside it (PIGEON_WORKER).
  const serverWorker = layout.kind === "one node";
  const oneNode = { npmStart: serverWorker, execArgv: profile };
  let server = await startServer({ ...env, PIGEON_WORKER: serverWorker && !options.held ? "true" : "false" }, oneNode);
  const workerProcesses: ChildProcess[] = [];
  const startWorkers = () => {
    if (layout.kind === "workers") for (let i = 0; i < layout.count; i++) workerProcesses.push(startWorker(env));
  };
  if (!options.held) startWorkers();
  let api = apiPool(server.url, INGEST_CLIENTS);
  const call = async (method: "POST" | "GET", route: string, body?: unknown) => {
    const response = await api.request({
      method,
      path: route,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`${method} ${route} → ${response.statusCode}: ${text}`);
    return JSON.parse(text);
  };
  const app = await call("POST", "/api/v1/app", { name: "bench" });
  // Each endpoint may have every slot in flight (the default is 8 per endpoint): the engine's throughput, not its sharing, is measured.
  for (let i = 0; i < fanout; i++) {
    await call("POST", `/api/v1/app/${app.id}/endpoint`, { url: `http://127.0.0.1:${receiver.port}/endpoint-${i}`, maxInFlight: WORKER_CONCURRENCY });
  }
  const watched = () => [{ label: "server", pid: server.process.pid! }, ...workerProcesses.map((w, i) => ({ label: `worker ${i + 1}`, pid: w.pid! }))];
  const result: Target = {
    api,
    key,
    appId: app.id,
    memory: new MemoryWatch(watched()),
    async release() {
      result.memory.stop();
      if (serverWorker) {
        await api.close();
        await server.stop();
        server = await startServer({ ...env, PIGEON_WORKER: "true" }, oneNode);
        api = result.api = new Pool(server.url, { connections: 8 });
      } else {
        startWorkers();
      }
      result.memory = new MemoryWatch(watched());
    },
    async stop() {
      result.memory.stop();
      await api.close();
      await Promise.all(workerProcesses.map(stopChild));
      await server.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return result;
}

async function sendMessage(s: Target): Promise<{ id: string; sentAt: number; ms: number }> {
  const sentAt = now();
  const response = await s.api.request({
    method: "POST",
    path: `/api/v1/app/${s.appId}/msg`,
    headers: { authorization: `Bearer ${s.key}`, "content-type": "application/json" },
    body: JSON.stringify({ eventType: "bench.event", payload: PAYLOAD }),
  });
  const text = await response.body.text();
  if (response.statusCode !== 202) throw new Error(`POST /msg → ${response.statusCode}: ${text}`);
  return { id: (JSON.parse(text) as { id: string }).id, sentAt, ms: now() - sentAt };
}

// ── scenarios ─────────────────────────────────────────────────────────────────────────

/** One target at one fanout: accepting while delivering, then a backlog accepted held and released. */
interface Throughput {
  fanout: number;
  messages: number;
  deliveries: number;
  /** Concurrent: accept and deliver at once, first accept → last receipt. */
  seconds: number;
  deliveriesPerSecond: number;
  ingestPerSecond: number;
  ingestP50Ms: number;
  ingestP99Ms: number;
  /** Backlog: N messages accepted with delivery held, then released; first → last receipt. */
  drainSeconds: number;
  drainPerSecond: number;
  /** Share of all the machine's cores busy during the drain (every process, the database included). */
  drainCpuBusy: number;
  /** The API alone (no delivery running), 64 clients. */
  ingestOnlyPerSecond: number;
  ingestOnlyP50Ms: number;
  ingestOnlyP99Ms: number;
  duplicates: number;
  peakMemoryMiB: Record<string, number>;
  /** Peak and second-tenth → last-tenth memory of the processes that drained the backlog. */
  drainPeakMemoryMiB: Record<string, number>;
  drainMemoryDrift: Record<string, { early: number; late: number }>;
  memoryDrift: Record<string, { early: number; late: number }>;
}

/** Pigeon's, with its database and where it delivers (in the server, or N standalone workers). */
interface ThroughputResult extends Throughput {
  database: string;
  workers: string;
}

/** Sends N messages from INGEST_CLIENTS concurrent clients: messages/s and response times. */
async function ingest(s: Target): Promise<{ perSecond: number; p50: number; p99: number; firstAccept: number }> {
  const latencies: number[] = [];
  let next = 0;
  const firstAccept = now();
  await Promise.all(
    Array.from({ length: INGEST_CLIENTS }, async () => {
      while (next++ < MESSAGES) latencies.push((await sendMessage(s)).ms);
    }),
  );
  const seconds = (now() - firstAccept) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: MESSAGES / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), firstAccept };
}

function drift(memory: MemoryWatch): Throughput["memoryDrift"] {
  const result: Throughput["memoryDrift"] = {};
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const label of memory.peak.keys()) {
    const samples = memory.samples.filter((x) => x.label === label).map((x) => x.mib);
    const tenth = Math.max(1, Math.floor(samples.length / 10));
    result[label] = { early: avg(samples.slice(tenth, 2 * tenth)), late: avg(samples.slice(-tenth)) };
  }
  return result;
}

const layoutName = (layout: Layout) => (layout.kind === "one node" ? "one node" : `${layout.count} worker${layout.count > 1 ? "s" : ""}`);

async function throughput(name: string, launch: Launch, fanout: number, receiver: Receiver): Promise<Throughput> {
  process.stdout.write(`• throughput: ${name}, ${fanout} endpoint${fanout > 1 ? "s" : ""} … `);
  const expected = MESSAGES * fanout;
  // 1. Concurrent: the API accepts while the engine delivers.
  const live = await launch(fanout, {});
  let concurrent: {
    seconds: number;
    unique: number;
    received: number;
    ingest: Awaited<ReturnType<typeof ingest>>;
    peak: Map<string, number>;
    drift: Throughput["memoryDrift"];
  };
  try {
    await receiver.ask({ type: "reset" });
    const accepted = await ingest(live);
    const report = await waitForReceipts(receiver, expected);
    live.memory.stop();
    concurrent = {
      seconds: (report.lastAt! - accepted.firstAccept) / 1000,
      unique: report.unique,
      received: report.received,
      ingest: accepted,
      peak: live.memory.peak,
      drift: drift(live.memory),
    };
  } finally {
    await live.stop();
  }
  // 2. Backlog: the API alone, then the engine alone on what it accepted.
  const held = await launch(fanout, { held: true });
  try {
    await receiver.ask({ type: "reset" });
    const accepted = await ingest(held);
    await held.release();
    const drained = await drain(receiver, expected);
    held.memory.stop();
    const result: Throughput = {
      fanout,
      messages: MESSAGES,
      deliveries: concurrent.unique,
      seconds: concurrent.seconds,
      deliveriesPerSecond: concurrent.unique / concurrent.seconds,
      ingestPerSecond: concurrent.ingest.perSecond,
      ingestP50Ms: concurrent.ingest.p50,
      ingestP99Ms: concurrent.ingest.p99,
      drainSeconds: drained.seconds,
      drainPerSecond: drained.perSecond,
      drainCpuBusy: drained.cpuBusy,
      ingestOnlyPerSecond: accepted.perSecond,
      ingestOnlyP50Ms: accepted.p50,
      ingestOnlyP99Ms: accepted.p99,
      duplicates: concurrent.received - concurrent.unique + drained.duplicates,
      peakMemoryMiB: Object.fromEntries(concurrent.peak),
      drainPeakMemoryMiB: Object.fromEntries(held.memory.peak),
      drainMemoryDrift: drift(held.memory),
      memoryDrift: concurrent.drift,
    };
    console.log(`${result.deliveriesPerSecond.toFixed(0)} deliveries/s while accepting, ${result.drainPerSecond.toFixed(0)}/s from a backlog`);
    return result;
  } finally {
    await held.stop();
  }
}

/** Waits for a released backlog to arrive: deliveries/s from the first receipt to the last, and how busy the machine was meanwhile. */
async function drain(receiver: Receiver, expected: number, stallMs?: number) {
  const cpuBefore = cpuTimes();
  const report = await waitForReceipts(receiver, expected, stallMs);
  const cpuAfter = cpuTimes();
  const seconds = (report.lastAt! - report.firstAt!) / 1000;
  return {
    seconds,
    perSecond: report.unique / seconds,
    cpuBusy: (cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total),
    duplicates: report.received - report.unique,
  };
}

interface ScaleOutResult {
  workers: number;
  receiverDelayMs: number;
  deliveries: number;
  perSecond: number;
  cpuBusy: number;
}

/**
 * Scale-out where the CPU is not the limit: endpoints that take `delayMs` to answer, as
 * distant ones do, so a worker's slots bound its throughput. A backlog of MESSAGES / 4
 * messages (1 endpoint) drained by 1, then 2 standalone workers on PostgreSQL.
 */
async function scaleOut(workers: number, delayMs: number, receiver: Receiver): Promise<ScaleOutResult> {
  const messages = Math.max(1000, Math.floor(MESSAGES / 4));
  process.stdout.write(`• scale-out: postgres, ${workers} worker${workers > 1 ? "s" : ""}, endpoint answering in ${delayMs} ms … `);
  const s = await stage("postgres", { kind: "workers", count: workers }, 1, receiver, { held: true });
  try {
    await receiver.ask({ type: "reset", delayMs });
    let next = 0;
    await Promise.all(
      Array.from({ length: INGEST_CLIENTS }, async () => {
        while (next++ < messages) await sendMessage(s);
      }),
    );
    await s.release();
    const drained = await drain(receiver, messages);
    console.log(`${drained.perSecond.toFixed(0)} deliveries/s`);
    return { workers, receiverDelayMs: delayMs, deliveries: messages, perSecond: drained.perSecond, cpuBusy: drained.cpuBusy };
  } finally {
    await receiver.ask({ type: "reset" });
    await s.stop();
  }
}

interface BulkResult {
  database: string;
  fanout: number;
  messages: number;
  batchSize: number;
  clients: number;
  perSecond: number;
  /** Per batch request. */
  p50Ms: number;
  p99Ms: number;
}

const BULK_BATCH = 500;
const BULK_CLIENTS = 8;

/**
 * Bulk ingest: messages sent in batches of 500 (POST …/msg/batch) by 8 clients to the
 * one-node server (PostgreSQL: the web server) with delivery held, so the API alone is
 * measured; for each fanout of the throughput runs (each message stores a delivery per endpoint).
 */
async function bulkIngest(kind: "sqlite" | "postgres", fanout: number, receiver: Receiver): Promise<BulkResult> {
  const batches = Math.max(20, Math.ceil((MESSAGES * 5) / BULK_BATCH));
  process.stdout.write(`• bulk ingest: ${kind}, ${batches} batches of ${BULK_BATCH}, ${BULK_CLIENTS} clients, ${fanout} endpoint(s) … `);
  const layout: Layout = kind === "sqlite" ? { kind: "one node" } : { kind: "workers", count: 1 };
  const s = await stage(kind, layout, fanout, receiver, { held: true });
  try {
    const body = JSON.stringify({ messages: Array.from({ length: BULK_BATCH }, () => ({ eventType: "bench.event", payload: PAYLOAD })) });
    const send = async () => {
      const sentAt = now();
      const response = await s.api.request({
        method: "POST",
        path: `/api/v1/app/${s.appId}/msg/batch`,
        headers: { authorization: `Bearer ${s.key}`, "content-type": "application/json" },
        body,
      });
      const text = await response.body.text();
      if (response.statusCode !== 202) throw new Error(`POST /msg/batch → ${response.statusCode}: ${text.slice(0, 500)}`);
      return now() - sentAt;
    };
    for (let i = 0; i < 2; i++) await send(); // warm up
    const latencies: number[] = [];
    let next = 0;
    const started = now();
    await Promise.all(
      Array.from({ length: BULK_CLIENTS }, async () => {
        while (next++ < batches) latencies.push(await send());
      }),
    );
    const perSecond = (batches * BULK_BATCH) / ((now() - started) / 1000);
    latencies.sort((a, b) => a - b);
    const result = {
      database: kind,
      fanout,
      messages: batches * BULK_BATCH,
      batchSize: BULK_BATCH,
      clients: BULK_CLIENTS,
      perSecond,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    };
    console.log(`${perSecond.toFixed(0)} messages/s`);
    return result;
  } finally {
    await s.stop();
  }
}

/** The web framework's own ceiling here: a route that returns a constant, same clients. */
async function frameworkCeiling(): Promise<number> {
  process.stdout.write(`• API ceiling: GET /api/health (constant JSON), ${INGEST_CLIENTS} clients … `);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pigeon-bench-data-"));
  const server = await startServer({ DATABASE_URL: `file:${path.join(dataDir, "unused.db")}`, PIGEON_DATA_DIR: dataDir, PIGEON_WORKER: "false" });
  const pool = new Pool(server.url, { connections: INGEST_CLIENTS });
  try {
    const total = Math.max(5000, Math.min(MESSAGES, 20_000));
    const hit = async () => (await pool.request({ method: "GET", path: "/api/health" })).body.dump();
    for (let i = 0; i < 200; i++) await hit();
    let next = 0;
    const started = now();
    await Promise.all(
      Array.from({ length: INGEST_CLIENTS }, async () => {
        while (next++ < total) await hit();
      }),
    );
    const perSecond = total / ((now() - started) / 1000);
    console.log(`${perSecond.toFixed(0)} requests/s`);
    return perSecond;
  } finally {
    await pool.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Latency {
  offeredPerSecond: number;
  achievedPerSecond: number;
  messages: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** Pigeon's: one node on this database. */
interface LatencyResult extends Latency {
  database: string;
}

/** Open-loop load: messages are sent on a fixed schedule, whatever the answers take. */
async function latency(name: string, launch: Launch, rate: number, seconds: number, receiver: Receiver): Promise<Latency> {
  process.stdout.write(`• latency: ${name}, ${rate} msg/s for ${seconds} s … `);
  const s = await launch(1, {});
  try {
    // Warm up: the first requests compile routes and open connections.
    for (let i = 0; i < 50; i++) await sendMessage(s);
    await waitForReceipts(receiver, 50);
    await receiver.ask({ type: "reset" });
    const total = rate * seconds;
    const sent: { id: string; sentAt: number }[] = [];
    const started = now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      inFlight.push(sendMessage(s).then(({ id, sentAt }) => void sent.push({ id, sentAt })));
    }
    await Promise.all(inFlight);
    const achieved = total / ((now() - started) / 1000);
    await waitForReceipts(receiver, total);
    const arrivals = (await receiver.ask({ type: "report", ids: true })).arrivals!;
    const delays = sent.map(({ id, sentAt }) => arrivals[`${id} /endpoint-0`]! - sentAt).sort((a, b) => a - b);
    const result = {
      offeredPerSecond: rate,
      achievedPerSecond: achieved,
      messages: total,
      p50Ms: percentile(delays, 50),
      p95Ms: percentile(delays, 95),
      p99Ms: percentile(delays, 99),
    };
    console.log(`p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`);
    return result;
  } finally {
    await s.stop();
  }
}

interface PeerResult {
  redis: string;
  /** At COMPARED_FANOUT; null with `--fanout none`. */
  throughput: Throughput | null;
  latency: Latency[];
}

/** The peer (bench/peer) through the same scenarios as Pigeon; null when Redis cannot be had. */
async function peerScenarios(receiver: Receiver): Promise<PeerResult | null> {
  const redis = await ensureRedis();
  if (!redis) {
    console.log(`• peer: Redis does not answer on ${redisUrl} and could not be started (redis-server): no peer rows`);
    return null;
  }
  console.log(`• peer: BullMQ ${soft.bullmq} on Redis ${redis.version} (${redisUrl})`);
  const peer: Launch = (fanout, options) => launchPeer({ receiver, redis, clients: INGEST_CLIENTS, execArgv: profile }, fanout, options);
  const result: PeerResult = { redis: redis.version, throughput: null, latency: [] };
  if (COMPARED_FANOUT) result.throughput = await throughput("peer", peer, COMPARED_FANOUT, receiver);
  if (!values["skip-latency"]) for (const { rate, seconds } of LATENCY_RUNS) result.latency.push(await latency("peer", peer, rate, seconds, receiver));
  return result;
}

async function rawHttp(receiver: Receiver): Promise<{ perSecond: number; requests: number; concurrency: number }> {
  process.stdout.write(`• raw HTTP limit (undici keep-alive, ${WORKER_CONCURRENCY} connections, no database) … `);
  const output = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(import.meta.dirname, "lib/raw-http.ts"),
      "--url",
      `http://127.0.0.1:${receiver.port}/raw`,
      "--requests",
      String(Math.max(20_000, MESSAGES)),
      "--concurrency",
      String(WORKER_CONCURRENCY),
    ],
    { cwd: root, encoding: "utf8" },
  );
  const result = JSON.parse(output.trim().split("\n").at(-1)!);
  console.log(`${result.perSecond.toFixed(0)} requests/s`);
  return result;
}

// ── main ──────────────────────────────────────────────────────────────────────────────

function versions() {
  const pkg = (name: string) => JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version as string;
  return {
    node: process.version,
    next: pkg("next"),
    prisma: pkg("@prisma/client"),
    undici: pkg("undici"),
    "better-sqlite3": pkg("better-sqlite3"),
    bullmq: pkg("bullmq"),
  };
}

async function postgresVersion(): Promise<string | null> {
  const client = new pg.Client({ connectionString: postgresAdmin });
  try {
    await client.connect();
    return ((await client.query("SHOW server_version")).rows[0] as { server_version: string }).server_version;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

const machine = {
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.type()} ${os.release()}`,
};
const soft = {
  ...versions(),
  sqlite: (new (await import("better-sqlite3")).default(":memory:").prepare("select sqlite_version() v").get() as { v: string }).v,
  postgres: await postgresVersion(),
};
console.log(`Pigeon benchmark — ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, ${machine.platform}`);
console.log(
  `node ${soft.node} · next ${soft.next} · prisma ${soft.prisma} · undici ${soft.undici} · sqlite ${soft.sqlite} · postgresql ${soft.postgres ?? "not reachable"}`,
);
console.log(
  `${MESSAGES.toLocaleString("en")} messages of ≈ 1 kB per scenario, ${INGEST_CLIENTS} concurrent API clients, worker concurrency ${WORKER_CONCURRENCY}\n`,
);
buildIfNeeded(root);

const receiver = await startReceiver();
const raw = await rawHttp(receiver);
const runs: ThroughputResult[] = [];
const latencies: LatencyResult[] = [];
for (const kind of databases) {
  const layouts: Layout[] =
    kind === "sqlite"
      ? [{ kind: "one node" }]
      : [
          { kind: "workers", count: 1 },
          { kind: "workers", count: 2 },
        ];
  for (const layout of layouts) {
    const pigeon: Launch = (fanout, options) => stage(kind, layout, fanout, receiver, options);
    for (const fanout of FANOUTS) {
      const measured = await throughput(`${kind}, ${layoutName(layout)}`, pigeon, fanout, receiver);
      runs.push({ database: kind, workers: layout.kind === "one node" ? "in-process" : String(layout.count), ...measured });
    }
  }
}
const scale: ScaleOutResult[] = [];
if (databases.includes("postgres")) for (const workers of [1, 2]) scale.push(await scaleOut(workers, 50, receiver));
const bulk: BulkResult[] = [];
for (const kind of databases) for (const fanout of FANOUTS.length ? FANOUTS : [1]) bulk.push(await bulkIngest(kind, fanout, receiver));
const ceiling = await frameworkCeiling();
if (!values["skip-latency"]) {
  const kind = databases[0]!;
  const pigeon: Launch = (fanout, options) => stage(kind, { kind: "one node" }, fanout, receiver, options);
  for (const { rate, seconds } of LATENCY_RUNS) latencies.push({ database: kind, ...(await latency(kind, pigeon, rate, seconds, receiver)) });
}
let stream: (StreamResult & { database: string }) | null = null;
if (!values["skip-latency"]) {
  const kind = databases[0]!;
  process.stdout.write(`• stream: ${kind}, one SSE consumer (backlog of ${MESSAGES.toLocaleString("en")}) and 200 msg/s through SSE and a webhook … `);
  const s = await stage(kind, { kind: "one node" }, 1, receiver, {});
  try {
    stream = { database: kind, ...(await streamScenario(s, receiver, MESSAGES, 200, 10)) };
    console.log(`${stream.consumerPerSecond.toFixed(0)} msg/s; SSE p50 ${stream.sse.p50Ms.toFixed(1)} ms`);
  } finally {
    await s.stop();
  }
}
let batching: (BatchingResult & { database: string }) | null = null;
if (!values["skip-latency"]) {
  const kind = databases[0]!;
  process.stdout.write(`• batching: ${kind}, ${MESSAGES.toLocaleString("en")} messages to an endpoint with batch.maxSize 100, and one POST per message … `);
  const s = await stage(kind, { kind: "one node" }, 1, receiver, {});
  try {
    batching = { database: kind, ...(await batchingScenario(s, receiver, MESSAGES)) };
    console.log(`${batching.deliveriesPerSecond.toFixed(0)} deliveries/s in ${batching.postsPerSecond.toFixed(0)} POSTs/s`);
  } finally {
    await s.stop();
  }
}
const peer = values["skip-peer"] ? null : await peerScenarios(receiver);
receiver.child.disconnect();

// ── report ────────────────────────────────────────────────────────────────────────────

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const pad = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
const setup = (r: ThroughputResult) => `${r.database}, ${r.workers === "in-process" ? "one node" : `${r.workers} worker(s)`}`;

console.log(`\nRaw HTTP limit: ${f0(raw.perSecond)} requests/s · API ceiling (Next.js route returning a constant): ${f0(ceiling)} requests/s\n`);
if (runs.length || peer?.throughput) printThroughput();
function printThroughput() {
  const w1 = [32, 8, 9, 6, 9, 6, 9, 8, 8, 4, 20];
  console.log(
    pad(["Delivery throughput (deliveries/s)", "while", "backlog", "× raw", "API only", "p50", "p99 (ms)", "w/ deliv", "p50", "dup", "peak memory (MiB)"], w1),
  );
  console.log(pad(["", "accepting", "drain", "", "msg/s", "", "", "msg/s", "", "", ""], w1));
  const row = (name: string, r: Throughput) => {
    const memory = Object.entries(r.peakMemoryMiB)
      .map(([k, v]) => `${k.replace("worker ", "w")} ${f0(v)}`)
      .join(" ");
    console.log(
      pad(
        [
          name,
          f0(r.deliveriesPerSecond),
          f0(r.drainPerSecond),
          (r.drainPerSecond / raw.perSecond).toFixed(2),
          f0(r.ingestOnlyPerSecond),
          f1(r.ingestOnlyP50Ms),
          f1(r.ingestOnlyP99Ms),
          f0(r.ingestPerSecond),
          f1(r.ingestP50Ms),
          String(r.duplicates),
          memory,
        ],
        w1,
      ),
    );
  };
  for (const r of runs) row(`${setup(r)}, ${r.fanout} endpoint(s)`, r);
  if (peer?.throughput) row(`peer (BullMQ), ${peer.throughput.fanout} endpoint(s)`, peer.throughput);
  const pg1 = runs.filter((r) => r.database === "postgres" && r.workers === "1");
  const pg2 = runs.filter((r) => r.database === "postgres" && r.workers === "2");
  for (const one of pg1) {
    const two = pg2.find((r) => r.fanout === one.fanout);
    if (two)
      console.log(
        `PostgreSQL, ${one.fanout} endpoint(s): 2 workers = ${(two.drainPerSecond / one.drainPerSecond).toFixed(2)}× 1 worker (backlog), ${(two.deliveriesPerSecond / one.deliveriesPerSecond).toFixed(2)}× while accepting`,
      );
  }
}
const cpuBusy = (name: string, r: Throughput) =>
  console.log(`CPU busy during the ${name} backlog drain: ${(r.drainCpuBusy * 100).toFixed(0)} % of ${machine.cores} cores`);
for (const r of runs) cpuBusy(`${r.database}/${r.workers}/${r.fanout}`, r);
if (peer?.throughput) cpuBusy(`peer/${peer.throughput.fanout}`, peer.throughput);
if (scale.length === 2) {
  const [one, two] = scale as [ScaleOutResult, ScaleOutResult];
  console.log(
    `Scale-out (PostgreSQL, endpoint answering in ${one.receiverDelayMs} ms): 1 worker ${f0(one.perSecond)}/s (CPU ${(one.cpuBusy * 100).toFixed(0)} %), 2 workers ${f0(two.perSecond)}/s (CPU ${(two.cpuBusy * 100).toFixed(0)} %) = ${(two.perSecond / one.perSecond).toFixed(2)}×`,
  );
}
const peerLatencies = peer?.latency ?? [];
if (stream) {
  console.log(`\nPolling endpoint streamed as Server-Sent Events (${stream.database}, one node):`);
  console.log(`  one SSE consumer reading a backlog of ${stream.backlog.toLocaleString("en")}: ${f0(stream.consumerPerSecond)} messages/s`);
  console.log(
    `  at ${stream.rate} msg/s for ${stream.seconds} s, send → receipt: SSE p50 ${f1(stream.sse.p50Ms)} ms, p99 ${f1(stream.sse.p99Ms)} ms; ` +
      `webhook (same app, same run) p50 ${f1(stream.webhook.p50Ms)} ms, p99 ${f1(stream.webhook.p99Ms)} ms`,
  );
}
if (batching) {
  console.log(`\nBatching endpoint (${batching.database}, one node, batch.maxSize ${batching.maxSize}):`);
  console.log(
    `  ${batching.messages.toLocaleString("en")} messages in ${batching.posts.toLocaleString("en")} POSTs: ${f0(batching.deliveriesPerSecond)} deliveries/s, ` +
      `${f0(batching.postsPerSecond)} POSTs/s; the same backlog one POST per message: ${f0(batching.singleDeliveriesPerSecond)} deliveries/s`,
  );
}
if (latencies.length || peerLatencies.length) {
  const w2 = [34, 10, 10, 9, 9, 9];
  console.log("\n" + pad(["End-to-end latency (send → receipt)", "offered/s", "achieved/s", "p50 (ms)", "p95 (ms)", "p99 (ms)"], w2));
  const row = (name: string, l: Latency) =>
    console.log(pad([name, String(l.offeredPerSecond), f0(l.achievedPerSecond), f1(l.p50Ms), f1(l.p95Ms), f1(l.p99Ms)], w2));
  for (const l of latencies) row(`${l.database}, one node, 1 endpoint`, l);
  for (const l of peerLatencies) row("peer (BullMQ), 1 endpoint", l);
}
if (bulk.length) {
  console.log(`\nBulk ingest (POST …/msg/batch, ${BULK_BATCH} messages a request, ${BULK_CLIENTS} clients, delivery held):`);
  for (const b of bulk)
    console.log(
      `  ${b.database}, ${b.fanout} endpoint(s): ${f0(b.perSecond)} messages/s (${b.messages.toLocaleString("en")} messages; per request p50 ${f1(b.p50Ms)} ms, p99 ${f1(b.p99Ms)} ms)`,
    );
}
const comparison = peer && compare(peer);
if (comparison) printComparison(comparison);

/**
 * The peer against Pigeon on the first database in one process (one node, or one standalone
 * worker) at the same fanout, and against Pigeon's latency runs. Each ratio is above 1 when
 * Pigeon is better: Pigeon / peer for rates, peer / Pigeon for latencies.
 */
function compare(peer: PeerResult) {
  const pigeon = runs.find((r) => r.database === databases[0] && r.workers !== "2" && r.fanout === peer.throughput?.fanout);
  const theirs = peer.throughput;
  const row = (name: string, ours: number | undefined, peerValue: number | undefined, better: "higher" | "lower") => {
    const [a, b] = [ours ?? NaN, peerValue ?? NaN];
    return { name, pigeon: a, peer: b, ratio: better === "higher" ? a / b : b / a };
  };
  const rows = [
    row("ingest, API only (msg/s)", pigeon?.ingestOnlyPerSecond, theirs?.ingestOnlyPerSecond, "higher"),
    row("ingest while delivering (msg/s)", pigeon?.ingestPerSecond, theirs?.ingestPerSecond, "higher"),
    row("deliveries while accepting (/s)", pigeon?.deliveriesPerSecond, theirs?.deliveriesPerSecond, "higher"),
    row("backlog drain (/s)", pigeon?.drainPerSecond, theirs?.drainPerSecond, "higher"),
    ...LATENCY_RUNS.flatMap(({ rate }) => {
      const ours = latencies.find((l) => l.offeredPerSecond === rate);
      const peerRun = peer.latency.find((l) => l.offeredPerSecond === rate);
      const at = `at ${rate.toLocaleString("en")} msg/s (ms)`;
      return [row(`latency p50 ${at}`, ours?.p50Ms, peerRun?.p50Ms, "lower"), row(`latency p99 ${at}`, ours?.p99Ms, peerRun?.p99Ms, "lower")];
    }),
  ];
  return { pigeon: pigeon ? setup(pigeon) : null, fanout: theirs?.fanout ?? null, rows };
}

function printComparison({ pigeon, fanout, rows }: ReturnType<typeof compare>) {
  const w = [36, 9, 9, 7];
  const number = (n: number) => (Math.abs(n) >= 100 ? f0(n) : f1(n));
  console.log(`\nPigeon vs peer (BullMQ + Redis): Pigeon ${pigeon ?? "not run"}; ${fanout ?? "no"} endpoints for throughput, 1 for latency`);
  console.log("ratio above 1: Pigeon is better (Pigeon / peer for rates, peer / Pigeon for latencies)");
  console.log(pad(["", "Pigeon", "peer", "ratio"], w));
  for (const r of rows) console.log(pad([r.name, number(r.pigeon), number(r.peer), Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : "–"], w));
}

console.log("\nMemory (MiB; peak, and the average of a run's second tenth vs its last tenth):");
const driftText = (d: ThroughputResult["memoryDrift"], peak: Record<string, number>) =>
  Object.entries(d)
    .map(([k, v]) => `${k} peak ${f0(peak[k] ?? NaN)}, ${f0(v.early)} → ${f0(v.late)} (${v.early ? (((v.late - v.early) / v.early) * 100).toFixed(0) : "–"} %)`)
    .join("; ");
for (const r of runs) {
  console.log(`  ${r.database}/${r.workers}/${r.fanout} while accepting: ${driftText(r.memoryDrift, r.peakMemoryMiB)}`);
  console.log(`  ${r.database}/${r.workers}/${r.fanout} backlog drain:    ${driftText(r.drainMemoryDrift, r.drainPeakMemoryMiB)}`);
}
if (peer?.throughput) {
  const t = peer.throughput;
  console.log(`  peer/${t.fanout} while accepting: ${driftText(t.memoryDrift, t.peakMemoryMiB)}`);
  console.log(`  peer/${t.fanout} backlog drain:    ${driftText(t.drainMemoryDrift, t.drainPeakMemoryMiB)}`);
}

const resultsDir = path.join(root, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine,
      versions: soft,
      settings: { messages: MESSAGES, ingestClients: INGEST_CLIENTS, workerConcurrency: WORKER_CONCURRENCY },
      rawHttp: raw,
      apiCeiling: ceiling,
      throughput: runs,
      scaleOut: scale,
      bulkIngest: bulk,
      latency: latencies,
      stream,
      batching,
      peer: peer && { ...peer, comparison },
    },
    null,
    2,
  ),
);
console.log(`\nWritten to ${path.relative(root, file)}`);
process.exit(0);
