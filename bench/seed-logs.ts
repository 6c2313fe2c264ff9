// npm run bench:seed-logs -- --db sqlite|postgres [--messages 340000]
// A throwaway database with one organization, one application, 3 endpoints and N messages
// with their deliveries and attempts (>= 1,000,000 attempts at the default size) spread
// over the last 7 days, written with raw batched INSERTs rather than Prisma creates.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { encodeTime } from "ulid";
import { idPrefixes, type IdKind } from "@/lib/ids";
import { fail } from "@/scripts/lib/cli";
import { runMigrations } from "@/scripts/lib/run-migrations";
import { benchArgs, benchUrl, POSTGRES_DATABASE, POSTGRES_SERVER, sqliteFile, type BenchProvider } from "./lib/logs-db";

const { provider, values } = benchArgs({ messages: { type: "string" } });
const messageCount = Number(values.messages ?? 340_000);
if (!Number.isInteger(messageCount) || messageCount < 1) fail("--messages must be a positive whole number");

const DAY = 24 * 3600 * 1000;
// Messages end 2.5 hours ago so that every retry of the last ones is in the past too.
const now = Date.now() - 2.5 * 3600 * 1000;
const start = now - 7 * DAY;
const CHUNK = 10_000; // messages per transaction

export const EVENT_TYPES = ["invoice.paid", "invoice.failed", "customer.created", "customer.updated", "subscription.renewed"] as const;
const EVENT_WEIGHTS = [0.4, 0.05, 0.2, 0.25, 0.1];
// One healthy, one flaky and one mostly failing endpoint: the failure rate per attempt.
const ENDPOINTS = [
  { url: "https://billing.example.com/webhooks", failRate: 0.01 },
  { url: "https://flaky.example.com/hooks", failRate: 0.2 },
  { url: "https://legacy.example.com/pigeon", failRate: 0.35 },
];
const RETRY_DELAYS = [0, 5_000, 300_000, 1_800_000, 7_200_000]; // after the message, per attempt number
const REQUEST_HEADERS = JSON.stringify({ "content-type": "application/json", "user-agent": "Pigeon/1.0" });
const RESPONSE_HEADERS = JSON.stringify({ "content-type": "text/plain" });

// Deterministic and fast: Math.random and the ulid package's crypto PRNG are far too slow
// for millions of ids. Ids have newId's format (prefix + ULID of their creation time).
let seed = 0x2f6b3c1d;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function pastId(kind: IdKind, time: number): string {
  let tail = "";
  for (let i = 0; i < 16; i++) tail += B32[(random() * 32) | 0];
  return `${idPrefixes[kind]}_${encodeTime(time, 10)}${tail}`;
}
function pick<T>(items: readonly T[], weights: number[]): T {
  let r = random();
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) < 0) return items[i]!;
  return items.at(-1)!;
}

type Row = (string | number | boolean | null)[];
interface Chunk {
  messages: Row[];
  deliveries: Row[];
  attempts: Row[];
}

const orgId = pastId("org", start - DAY);
const appId = pastId("app", start - DAY);
const endpointIds = ENDPOINTS.map((_, i) => pastId("endpoint", start - DAY + i));

// Column order of each table as inserted below.
const MESSAGE_COLUMNS = ["id", "appId", "eventType", "eventId", "payload", "payloadSize", "createdAt"];
const DELIVERY_COLUMNS = ["id", "messageId", "endpointId", "appId", "status", "attempts", "lastAttemptAt", "lastStatusCode", "createdAt", "updatedAt"];
const ATTEMPT_COLUMNS = [
  "id",
  "deliveryId",
  "messageId",
  "endpointId",
  "appId",
  "number",
  "trigger",
  "succeeded",
  "url",
  "requestHeaders",
  "responseStatus",
  "responseHeaders",
  "responseBody",
  "durationMs",
  "errorKind",
  "errorMessage",
  "createdAt",
];

function makeChunk(from: number, to: number): Chunk {
  const chunk: Chunk = { messages: [], deliveries: [], attempts: [] };
  const span = now - start;
  for (let i = from; i < to; i++) {
    const time = Math.floor(start + ((i + random()) * span) / messageCount);
    const messageId = pastId("message", time);
    const eventType = pick(EVENT_TYPES, EVENT_WEIGHTS);
    const payload = `{"type":"${eventType}","data":{"id":"obj_${i.toString(36)}","amount":${(random() * 10000) | 0}}}`;
    chunk.messages.push([messageId, appId, eventType, `evt-${i}`, payload, payload.length, time]);
    ENDPOINTS.forEach((endpoint, e) => {
      const deliveryId = pastId("delivery", time);
      let number = 0;
      let succeeded = false;
      let status: number | null = null;
      let last = time;
      while (!succeeded && number < RETRY_DELAYS.length) {
        last = time + RETRY_DELAYS[number]! + ((random() * 1000) | 0);
        number++;
        succeeded = random() >= endpoint.failRate;
        const timeout = !succeeded && random() < 0.1;
        status = succeeded ? 200 : timeout ? null : e === 2 && random() < 0.5 ? 410 : random() < 0.5 ? 500 : 503;
        chunk.attempts.push([
          pastId("attempt", last),
          deliveryId,
          messageId,
          endpointIds[e]!,
          appId,
          number,
          "scheduled",
          succeeded,
          endpoint.url,
          REQUEST_HEADERS,
          status,
          status === null ? null : RESPONSE_HEADERS,
          succeeded ? "ok" : timeout ? null : "upstream error",
          20 + ((random() * 400) | 0),
          succeeded ? null : timeout ? "timeout" : "http_status",
          succeeded ? null : timeout ? "no response within 15 s" : `HTTP ${status}`,
          last,
        ]);
      }
      chunk.deliveries.push([deliveryId, messageId, endpointIds[e]!, appId, succeeded ? "succeeded" : "exhausted", number, last, status, time, last]);
    });
  }
  return chunk;
}

// ---------------------------------------------------------------------------------------

async function seedSqlite(): Promise<void> {
  const file = sqliteFile();
  mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  await runMigrations(benchUrl("sqlite"));
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -200000");
  const insert = (table: string, columns: string[]) =>
    sqlite.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
  const message = insert("Message", MESSAGE_COLUMNS);
  const delivery = insert("Delivery", DELIVERY_COLUMNS);
  const attempt = insert("Attempt", ATTEMPT_COLUMNS);
  const bool = (row: Row) => row.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v));
  sqlite.transaction(() => {
    const t = start - DAY;
    sqlite.prepare(`INSERT INTO "Organization" ("id", "name", "createdAt", "updatedAt") VALUES (?, ?, ?, ?)`).run(orgId, "Bench logs", t, t);
    sqlite
      .prepare(`INSERT INTO "Application" ("id", "orgId", "name", "metadata", "createdAt", "updatedAt") VALUES (?, ?, ?, '{}', ?, ?)`)
      .run(appId, orgId, "Bench app", t, t);
    const endpoint = sqlite.prepare(
      `INSERT INTO "Endpoint" ("id", "appId", "url", "headers", "metadata", "createdAt", "updatedAt") VALUES (?, ?, ?, '{}', '{}', ?, ?)`,
    );
    ENDPOINTS.forEach((e, i) => endpoint.run(endpointIds[i], appId, e.url, t, t));
  })();
  await seedChunks(async (chunk) => {
    sqlite.transaction(() => {
      for (const row of chunk.messages) message.run(row);
      for (const row of chunk.deliveries) delivery.run(row);
      for (const row of chunk.attempts) attempt.run(bool(row));
    })();
  });
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}

async function seedPostgres(): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${POSTGRES_DATABASE}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${POSTGRES_DATABASE}"`);
  await admin.end();
  await runMigrations(benchUrl("postgres"));
  const client = new pg.Client({ connectionString: benchUrl("postgres") });
  await client.connect();
  await client.query("SET synchronous_commit = off");
  // One array parameter per column (unnest), so a batch is not bounded by the 65,535
  // parameters of a multi-row VALUES list. Times travel as epoch milliseconds.
  const insert = (table: string, columns: string[], types: string[]) => {
    const selects = types.map((type, i) =>
      type === "ts" ? `(to_timestamp(u.c${i} / 1000.0) AT TIME ZONE 'UTC')` : type.startsWith("::") ? `u.c${i}${type}` : `u.c${i}`,
    );
    const arrays = types.map((type, i) => `$${i + 1}::${type === "ts" ? "float8" : type === "int" ? "int4" : type === "bool" ? "bool" : "text"}[]`);
    const sql =
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) ` +
      `SELECT ${selects.join(", ")} FROM unnest(${arrays.join(", ")}) AS u(${types.map((_, i) => `c${i}`).join(", ")})`;
    return (rows: Row[]) =>
      client.query(
        sql,
        columns.map((_, i) => rows.map((row) => row[i])),
      );
  };
  const message = insert("Message", MESSAGE_COLUMNS, ["text", "text", "text", "text", "text", "int", "ts"]);
  const delivery = insert("Delivery", DELIVERY_COLUMNS, ["text", "text", "text", "text", '::"DeliveryStatus"', "int", "ts", "int", "ts", "ts"]);
  const attempt = insert("Attempt", ATTEMPT_COLUMNS, [
    "text",
    "text",
    "text",
    "text",
    "text",
    "int",
    '::"AttemptTrigger"',
    "bool",
    "text",
    "::jsonb",
    "int",
    "::jsonb",
    "text",
    "int",
    "text",
    "text",
    "ts",
  ]);
  const t = new Date(start - DAY);
  await client.query(`INSERT INTO "Organization" ("id", "name", "createdAt", "updatedAt") VALUES ($1, 'Bench logs', $2, $2)`, [orgId, t.toISOString()]);
  await client.query(`INSERT INTO "Application" ("id", "orgId", "name", "metadata", "createdAt", "updatedAt") VALUES ($1, $2, 'Bench app', '{}', $3, $3)`, [
    appId,
    orgId,
    t.toISOString(),
  ]);
  for (const [i, e] of ENDPOINTS.entries()) {
    await client.query(
      `INSERT INTO "Endpoint" ("id", "appId", "url", "headers", "metadata", "createdAt", "updatedAt") VALUES ($1, $2, $3, '{}', '{}', $4, $4)`,
      [endpointIds[i], appId, e.url, t.toISOString()],
    );
  }
  // The next chunk is generated while the server writes this one (see seedChunks).
  await seedChunks(async (chunk) => {
    await client.query("BEGIN");
    await message(chunk.messages);
    await delivery(chunk.deliveries);
    await attempt(chunk.attempts);
    await client.query("COMMIT");
  });
  console.log("  VACUUM ANALYZE …");
  await client.query("VACUUM ANALYZE");
  await client.end();
}

const totals = { messages: 0, deliveries: 0, attempts: 0 };
async function seedChunks(write: (chunk: Chunk) => Promise<void>): Promise<void> {
  const began = performance.now();
  let writing: Promise<void> = Promise.resolve();
  for (let from = 0; from < messageCount; from += CHUNK) {
    const chunk = makeChunk(from, Math.min(from + CHUNK, messageCount));
    await writing;
    writing = write(chunk);
    await (provider === "postgres" ? Promise.resolve() : writing);
    totals.messages += chunk.messages.length;
    totals.deliveries += chunk.deliveries.length;
    totals.attempts += chunk.attempts.length;
    if ((from / CHUNK) % 5 === 4 || from + CHUNK >= messageCount) {
      const rows = totals.messages + totals.deliveries + totals.attempts;
      const seconds = (performance.now() - began) / 1000;
      console.log(
        `  ${totals.messages.toLocaleString("en")} messages, ${totals.attempts.toLocaleString("en")} attempts — ${Math.round(rows / seconds).toLocaleString("en")} rows/s`,
      );
    }
  }
  await writing;
}

async function main(which: BenchProvider) {
  console.log(`Seeding ${which} (${benchUrl(which).replace(/\/\/[^@/]*@/, "//")}) with ${messageCount.toLocaleString("en")} messages over 7 days…`);
  const began = performance.now();
  await (which === "sqlite" ? seedSqlite() : seedPostgres());
  const seconds = (performance.now() - began) / 1000;
  const rows = totals.messages + totals.deliveries + totals.attempts;
  console.log(
    `✓ ${totals.messages.toLocaleString("en")} messages, ${totals.deliveries.toLocaleString("en")} deliveries, ` +
      `${totals.attempts.toLocaleString("en")} attempts in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString("en")} rows/s overall, migrations included)`,
  );
}

await main(provider);
