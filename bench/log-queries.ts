// npm run bench:logs -- --db sqlite|postgres   (after npm run bench:seed-logs with the same --db)
// Times the message log and an endpoint's attempts on the seeded database through the
// same Prisma queries the API runs, and prints each query's plan.
import Database from "better-sqlite3";
import pg from "pg";
import { encodeTime } from "ulid";
import type { AuthContext } from "@/lib/auth/context";
import { createDb, type Db } from "@/lib/db";
import { idPrefixes, type IdKind } from "@/lib/ids";
import type { ListParams } from "@/lib/http/pagination";
import { fail } from "@/scripts/lib/cli";
import { benchArgs, benchUrl, sqliteFile } from "./lib/logs-db";

const { provider } = benchArgs();
const url = benchUrl(provider);
// lib/db's shared client (used by listMessages) reads DATABASE_URL on first use.
process.env.DATABASE_URL = url;
const { listMessages } = await import("@/lib/messages/list-messages");

const WARMUPS = 3;
const RUNS = 20;
const LIMIT = 50;
const BUDGET_MS = 200;
const HOUR = 3600 * 1000;

const db: Db = createDb(url);
const app = await db.application.findFirst({ where: { name: "Bench app" } });
if (!app) fail(`no seeded application in ${provider}; run npm run bench:seed-logs -- --db ${provider} first`);
const org = await db.organization.findUniqueOrThrow({ where: { id: app.orgId } });
const endpoints = await db.endpoint.findMany({ where: { appId: app.id }, orderBy: { id: "asc" } });
const [healthy, flaky] = endpoints;
if (!healthy || !flaky) fail("the seeded application has no endpoints");
const auth: AuthContext = { org: { id: org.id, name: org.name }, role: "admin", actor: {} as AuthContext["actor"] };

const messageCount = await db.message.count({ where: { appId: app.id } });
const attemptCount = await db.attempt.count();
const middleMessage = (await db.message.findFirst({ where: { appId: app.id }, orderBy: { id: "desc" }, skip: Math.floor(messageCount / 2), select: { id: true } }))!.id;
const healthyAttempts = await db.attempt.count({ where: { endpointId: healthy.id } });
const middleAttempt = (await db.attempt.findFirst({ where: { endpointId: healthy.id }, orderBy: { id: "desc" }, skip: Math.floor(healthyAttempts / 2), select: { id: true } }))!.id;
const newest = (await db.message.findFirst({ where: { appId: app.id }, orderBy: { id: "desc" } }))!.createdAt.getTime();
// A one-day window three days back.
const windowEnd = new Date(newest - 3 * 24 * HOUR);
const windowStart = new Date(windowEnd.getTime() - 24 * HOUR);

/** The smallest id of `kind` created at `time` or later: ids lead with their creation time. */
function idAt(kind: IdKind, time: Date): string {
  return `${idPrefixes[kind]}_${encodeTime(time.getTime(), 10)}`;
}

const descending = (params: Partial<ListParams> = {}): ListParams => ({ limit: LIMIT, order: "descending", ...params });

/** An endpoint's attempts, newest first: the query of the endpoint attempt log. */
function endpointAttempts(endpointId: string, params: ListParams, filters: { succeeded?: boolean; createdAt?: { gt?: Date; lt?: Date }; id?: { gt?: string; lt?: string } } = {}) {
  const { id: idRange, ...rest } = filters;
  return db.attempt.findMany({
    where: { endpointId, id: { ...idRange, ...(params.after && { lt: params.after }) }, ...rest },
    orderBy: { id: "desc" },
    take: params.limit + 1,
  });
}

// Each case: the timed call and the raw SQL equivalent of the statement it runs, whose
// plan is printed. SQLite stores times as integer milliseconds and booleans as 0/1.
type Param = string | number | boolean;
interface Case { name: string; run: () => Promise<unknown>; sql: string; params: Param[] }
const sqlite = provider === "sqlite";
const p = (n: number) => (sqlite ? "?" : `$${n}`);
const time = (d: Date): Param => (sqlite ? d.getTime() : d.toISOString());
const bool = (b: boolean): Param => (sqlite ? (b ? 1 : 0) : b);
const take = LIMIT + 1;

const cases: Case[] = [
  {
    name: "messages: first page",
    run: () => listMessages(auth, app.id, descending(), { withContent: true }),
    sql: `SELECT * FROM "Message" WHERE "appId" = ${p(1)} ORDER BY "id" DESC LIMIT ${take}`,
    params: [app.id],
  },
  {
    name: "messages: event type",
    run: () => listMessages(auth, app.id, descending(), { withContent: true, eventTypes: ["invoice.failed"] }),
    sql: `SELECT * FROM "Message" WHERE "appId" = ${p(1)} AND "eventType" IN (${p(2)}) ORDER BY "id" DESC LIMIT ${take}`,
    params: [app.id, "invoice.failed"],
  },
  {
    name: "messages: 2 event types",
    run: () => listMessages(auth, app.id, descending(), { withContent: true, eventTypes: ["invoice.failed", "subscription.renewed"] }),
    sql: `SELECT * FROM "Message" WHERE "appId" = ${p(1)} AND "eventType" IN (${p(2)}, ${p(3)}) ORDER BY "id" DESC LIMIT ${take}`,
    params: [app.id, "invoice.failed", "subscription.renewed"],
  },
  {
    name: "messages: one day, 3 days ago",
    run: () => listMessages(auth, app.id, descending(), { withContent: true, after: windowStart, before: windowEnd }),
    sql: `SELECT * FROM "Message" WHERE "appId" = ${p(1)} AND "createdAt" < ${p(2)} AND "createdAt" > ${p(3)} ORDER BY "id" DESC LIMIT ${take}`,
    params: [app.id, time(windowEnd), time(windowStart)],
  },
  {
    name: "messages: deep page (middle)",
    run: () => listMessages(auth, app.id, descending({ after: middleMessage }), { withContent: true }),
    sql: `SELECT * FROM "Message" WHERE "appId" = ${p(1)} AND "id" < ${p(2)} ORDER BY "id" DESC LIMIT ${take}`,
    params: [app.id, middleMessage],
  },
  {
    name: "attempts: first page",
    run: () => endpointAttempts(healthy.id, descending()),
    sql: `SELECT * FROM "Attempt" WHERE "endpointId" = ${p(1)} ORDER BY "id" DESC LIMIT ${take}`,
    params: [healthy.id],
  },
  {
    name: "attempts: failures (1% fail)",
    run: () => endpointAttempts(healthy.id, descending(), { succeeded: false }),
    sql: `SELECT * FROM "Attempt" WHERE "endpointId" = ${p(1)} AND "succeeded" = ${p(2)} ORDER BY "id" DESC LIMIT ${take}`,
    params: [healthy.id, bool(false)],
  },
  {
    name: "attempts: failures (20% fail)",
    run: () => endpointAttempts(flaky.id, descending(), { succeeded: false }),
    sql: `SELECT * FROM "Attempt" WHERE "endpointId" = ${p(1)} AND "succeeded" = ${p(2)} ORDER BY "id" DESC LIMIT ${take}`,
    params: [flaky.id, bool(false)],
  },
  {
    name: "attempts: one day by createdAt",
    run: () => endpointAttempts(healthy.id, descending(), { createdAt: { gt: windowStart, lt: windowEnd } }),
    sql: `SELECT * FROM "Attempt" WHERE "endpointId" = ${p(1)} AND "createdAt" > ${p(2)} AND "createdAt" < ${p(3)} ORDER BY "id" DESC LIMIT ${take}`,
    params: [healthy.id, time(windowStart), time(windowEnd)],
  },
  {
    name: "attempts: one day by id range",
    run: () => endpointAttempts(healthy.id, descending(), { id: { gt: idAt("attempt", windowStart), lt: idAt("attempt", windowEnd) } }),
    sql: `SELECT * FROM "Attempt" WHERE "endpointId" = ${p(1)} AND "id" > ${p(2)} AND "id" < ${p(3)} ORDER BY "id" DESC LIMIT ${take}`,
    params: [healthy.id, idAt("attempt", windowStart), idAt("attempt", windowEnd)],
  },
  {
    name: "attempts: deep page (middle)",
    run: () => endpointAttempts(healthy.id, descending({ after: middleAttempt })),
    sql: `SELECT * FROM "Attempt" WHERE "endpointId" = ${p(1)} AND "id" < ${p(2)} ORDER BY "id" DESC LIMIT ${take}`,
    params: [healthy.id, middleAttempt],
  },
];

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function plans(): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (sqlite) {
    const raw = new Database(sqliteFile(), { readonly: true });
    for (const c of cases) {
      const rows = raw.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as { detail: string }[];
      result.set(c.name, rows.map((r) => r.detail).join("; "));
    }
    raw.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const c of cases) {
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${c.sql}`, c.params);
      result.set(c.name, rows.map((r) => r["QUERY PLAN"].trim()).join("\n      "));
    }
    await client.end();
  }
  return result;
}

console.log(`${provider}: ${messageCount.toLocaleString("en")} messages, ${attemptCount.toLocaleString("en")} attempts; page size ${LIMIT}, ${RUNS} runs after ${WARMUPS} warm-ups\n`);
const width = Math.max(...cases.map((c) => c.name.length));
console.log(`${"query".padEnd(width)}  rows    p50 ms    p95 ms`);
console.log(`${"-".repeat(width)}  ----  --------  --------`);
let over = 0;
for (const c of cases) {
  for (let i = 0; i < WARMUPS; i++) await c.run();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const began = performance.now();
    const result = await c.run();
    times.push(performance.now() - began);
    rows = Array.isArray(result) ? Math.min(result.length, LIMIT) : (result as { data: unknown[] }).data.length;
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 0.95);
  if (p95 > BUDGET_MS) over++;
  console.log(`${c.name.padEnd(width)}  ${String(rows).padStart(4)}  ${percentile(times, 0.5).toFixed(1).padStart(8)}  ${p95.toFixed(1).padStart(8)}${p95 > BUDGET_MS ? "  over budget" : ""}`);
}

console.log(`\nQuery plans (${sqlite ? "EXPLAIN QUERY PLAN" : "EXPLAIN ANALYZE"}):`);
for (const [name, plan] of await plans()) console.log(`  ${name}:\n      ${plan}`);
console.log(over ? `\n✖ ${over} quer${over === 1 ? "y is" : "ies are"} over ${BUDGET_MS} ms at p95` : `\n✓ every query under ${BUDGET_MS} ms at p95`);
await db.$disconnect();
const { db: shared } = await import("@/lib/db");
await shared.$disconnect();
