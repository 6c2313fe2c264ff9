// npm run bench:logs -- --db sqlite|postgres   (after npm run bench:seed-logs with the same --db)
// Times the console's message log and the attempt log on the seeded database through the
// real domain functions (listMessageLog, listAttempts), and prints the plan of every
// statement they run.
import Database from "better-sqlite3";
import pg from "pg";
import type { AuthContext } from "@/lib/auth/context";
import { createDb, type Db } from "@/lib/db";
import type { ListParams } from "@/lib/http/pagination";
import { orgLimits } from "@/lib/orgs/org-limits";
import { fail } from "@/scripts/lib/cli";
import { benchArgs, benchUrl, sqliteFile } from "./lib/logs-db";

const { provider } = benchArgs();
const url = benchUrl(provider);
process.env.DATABASE_URL = url;

// The process's shared client (the one the domain functions use), made here so that it
// reports each statement; Prisma's query event carries the SQL and its parameters.
interface QueryEvent {
  query: string;
  params: string;
  duration: number;
}
const store = globalThis as unknown as { __pigeonDb?: Db };
const shared = createDb(url, { logQueries: true });
store.__pigeonDb = shared;
let captured: QueryEvent[] | null = null;
(shared as unknown as { $on(event: "query", listener: (e: QueryEvent) => void): void }).$on("query", (e) => captured?.push(e));

const { listMessageLog } = await import("@/lib/messages/list-message-log");
const { listAttempts } = await import("@/lib/attempts/list-attempts");

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
const [healthy, flaky, failing] = endpoints;
if (!healthy || !flaky || !failing) fail("the seeded application needs its 3 endpoints");
const auth: AuthContext = { org: { id: org.id, name: org.name, limits: orgLimits(org) }, role: "admin", actor: {} };

const messageCount = await db.message.count({ where: { appId: app.id } });
const attemptCount = await db.attempt.count();
const newest = (await db.message.findFirst({ where: { appId: app.id }, orderBy: { id: "desc" } }))!;
const middleMessage = (await db.message.findFirst({
  where: { appId: app.id },
  orderBy: { id: "desc" },
  skip: Math.floor(messageCount / 2),
  select: { id: true, eventId: true },
}))!;
const healthyAttempts = await db.attempt.count({ where: { endpointId: healthy.id } });
const middleAttempt = (await db.attempt.findFirst({
  where: { endpointId: healthy.id },
  orderBy: { id: "desc" },
  skip: Math.floor(healthyAttempts / 2),
  select: { id: true },
}))!.id;
// A one-day window three days back.
const before = new Date(newest.createdAt.getTime() - 3 * 24 * HOUR);
const after = new Date(before.getTime() - 24 * HOUR);

const page = (params: Partial<ListParams> = {}): ListParams => ({ limit: LIMIT, order: "descending", ...params });
const noFilter = { withContent: true, withMsg: false } as const;

interface Case {
  name: string;
  run: () => Promise<{ data: unknown[] }>;
}
const cases: Case[] = [
  { name: "message log: first page", run: () => listMessageLog(auth, app.id, page(), {}) },
  { name: "message log: deep page (middle)", run: () => listMessageLog(auth, app.id, page({ after: middleMessage.id }), {}) },
  { name: "message log: exhausted", run: () => listMessageLog(auth, app.id, page(), { status: "exhausted" }) },
  { name: "message log: succeeded", run: () => listMessageLog(auth, app.id, page(), { status: "succeeded" }) },
  { name: "message log: failing (none)", run: () => listMessageLog(auth, app.id, page(), { status: "failing" }) },
  { name: "message log: endpoint + exhausted", run: () => listMessageLog(auth, app.id, page(), { endpointId: flaky.id, status: "exhausted" }) },
  { name: "message log: event type + day", run: () => listMessageLog(auth, app.id, page(), { eventTypes: ["invoice.failed"], after, before }) },
  { name: "message log: q = eventId", run: () => listMessageLog(auth, app.id, page(), { q: middleMessage.eventId! }) },
  { name: "attempts: first page", run: () => listAttempts(auth, app.id, { endpoint: healthy.id }, page(), noFilter) },
  { name: "attempts: deep page (middle)", run: () => listAttempts(auth, app.id, { endpoint: healthy.id }, page({ after: middleAttempt }), noFilter) },
  { name: "attempts: fail (1% fail)", run: () => listAttempts(auth, app.id, { endpoint: healthy.id }, page(), { ...noFilter, status: 2 }) },
  { name: "attempts: fail (20% fail)", run: () => listAttempts(auth, app.id, { endpoint: flaky.id }, page(), { ...noFilter, status: 2 }) },
  { name: "attempts: pending (none)", run: () => listAttempts(auth, app.id, { endpoint: healthy.id }, page(), { ...noFilter, status: 1 }) },
  { name: "attempts: 5xx", run: () => listAttempts(auth, app.id, { endpoint: flaky.id }, page(), { ...noFilter, statusCodeClass: 500 }) },
  {
    name: "attempts: event type (5%)",
    run: () => listAttempts(auth, app.id, { endpoint: healthy.id }, page(), { ...noFilter, eventTypes: ["invoice.failed"] }),
  },
  { name: "attempts: one day, 3 days ago", run: () => listAttempts(auth, app.id, { endpoint: healthy.id }, page(), { ...noFilter, after, before }) },
  {
    name: "attempts: day + fail + type",
    run: () => listAttempts(auth, app.id, { endpoint: flaky.id }, page(), { ...noFilter, after, before, status: 2, eventTypes: ["invoice.failed"] }),
  },
  { name: "attempts: by message", run: () => listAttempts(auth, app.id, { message: middleMessage.id }, page(), { ...noFilter, withMsg: true }) },
];

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

// Prisma reports parameters as JSON; SQLite wants booleans as 0/1.
function paramsOf(event: QueryEvent): unknown[] {
  const values = JSON.parse(event.params) as unknown[];
  return provider === "sqlite" ? values.map((v) => (typeof v === "boolean" ? Number(v) : v)) : values;
}

const sqlite = provider === "sqlite" ? new Database(sqliteFile(), { readonly: true }) : null;
const pgClient = provider === "postgres" ? new pg.Client({ connectionString: url }) : null;
await pgClient?.connect();

/** One line per statement: the table it reads and the plan's scans, index by index. */
async function planOf(event: QueryEvent): Promise<string> {
  const table = event.query.match(/FROM [`"]?(?:main|public)?[`"]?\.?[`"](\w+)[`"]/)?.[1] ?? "?";
  if (sqlite) {
    const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${event.query}`).all(...(paramsOf(event) as never[])) as { detail: string }[];
    return `${table}: ${rows.map((r) => r.detail).join("; ")}`;
  }
  const { rows } = await pgClient!.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${event.query}`, paramsOf(event));
  const nodes = rows.map((r) => r["QUERY PLAN"].trim().replace(/^->\s*/, "")).filter((line) => /Scan|Join|Limit|Sort|Hash|Nested|Aggregate/.test(line));
  return `${table}: ${nodes.join(" → ")}`;
}

console.log(
  `${provider}: ${messageCount.toLocaleString("en")} messages, ${attemptCount.toLocaleString("en")} attempts; page size ${LIMIT}, ${RUNS} runs after ${WARMUPS} warm-ups\n`,
);
const width = Math.max(...cases.map((c) => c.name.length));
console.log(`${"query".padEnd(width)}  rows    p50 ms    p95 ms`);
console.log(`${"-".repeat(width)}  ----  --------  --------`);
let over = 0;
const statements = new Map<string, QueryEvent[]>();
for (const c of cases) {
  captured = [];
  await c.run();
  statements.set(
    c.name,
    captured.filter((e) => /^\s*SELECT/i.test(e.query)),
  );
  captured = null;
  for (let i = 0; i < WARMUPS; i++) await c.run();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const began = performance.now();
    rows = (await c.run()).data.length;
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 0.95);
  if (p95 > BUDGET_MS) over++;
  console.log(
    `${c.name.padEnd(width)}  ${String(rows).padStart(4)}  ${percentile(times, 0.5).toFixed(1).padStart(8)}  ${p95.toFixed(1).padStart(8)}${p95 > BUDGET_MS ? "  over budget" : ""}`,
  );
}

console.log(`\nPlans of each call's statements (${sqlite ? "EXPLAIN QUERY PLAN" : "EXPLAIN ANALYZE"}):`);
for (const [name, events] of statements) {
  console.log(`  ${name}:`);
  for (const event of events) console.log(`      ${await planOf(event)}`);
}
console.log(over ? `\n✖ ${over} quer${over === 1 ? "y is" : "ies are"} over ${BUDGET_MS} ms at p95` : `\n✓ every query under ${BUDGET_MS} ms at p95`);
sqlite?.close();
await pgClient?.end();
await db.$disconnect();
await shared.$disconnect();
