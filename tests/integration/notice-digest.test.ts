import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { createDb, type Db } from "@/lib/db";
import { seedMember, seedOrg } from "@/lib/seed/factories";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { testServerEnv } from "../setup/global-setup";
import { postJson } from "../support/http";
import { type Receiver, startReceiver } from "../support/receiver";
import { startServer, type RunningServer } from "../support/server";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { sleep, until } from "../support/wait";

// One endpoint's outage exhausts 10,000 messages (every message gets one attempt, answered
// 500), delivered by two worker processes beside a web server without one, so folds race
// across processes. The team hears of it in a few notices and at most one email an hour.
// The disable rule never fires here (it would have to hold for 30 days).

const kind = inject("dbKind");
const root = path.resolve(import.meta.dirname, "../..");
const MESSAGES = 10_000;
const BATCH = 500;
const HOUR = 3600_000;
const ENV = {
  ...testServerEnv,
  PIGEON_DATA_DIR: inject("dataDir"),
  PIGEON_RETRY_SCHEDULE: "none",
  PIGEON_DISABLE_MIN_DURATION_SECONDS: String(30 * 24 * 3600),
  PIGEON_WORKER_CONCURRENCY: "64",
  PIGEON_ENDPOINT_MAX_IN_FLIGHT: "32",
  PUBLIC_URL: "https://pigeon.example.com",
};

let database: TestDatabase;
let db: Db;
let server: RunningServer;
let receiver: Receiver;
let smtp: SmtpSink;
const workers: { child: ChildProcess; output: () => string }[] = [];

function startWorker() {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, ...ENV, DATABASE_URL: database.url, SMTP_URL: smtp.url } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  workers.push({ child, output: () => output });
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  receiver = await startReceiver();
  receiver.answer("/down", { status: 500 });
  database = await createTestDatabase(kind);
  await runMigrations(database.url, root);
  db = createDb(database.url);
  server = await startServer({ ...ENV, DATABASE_URL: database.url, SMTP_URL: smtp.url, PIGEON_WORKER: "false" });
  startWorker();
  startWorker();
}, 120_000);

afterAll(async () => {
  for (const { child } of workers) child.kill("SIGKILL");
  await server?.stop();
  await receiver?.close();
  await smtp?.close();
  await db?.$disconnect();
  await database?.drop();
});

/** The exhausted-message counts in an email's lines ("* 1,234 messages exhausted on …"). */
const exhaustedCounts = (text: string) => [...text.matchAll(/^\* ([\d,]+) messages? exhausted on /gm)].map((m) => Number(m[1]!.replace(/,/g, "")));

describe(`notice folding and the email digest on ${kind}`, () => {
  it("folds an outage of 10,000 exhausted messages into a notice per hour and emails each admin at most once an hour", { timeout: 180_000 }, async () => {
    const org = await seedOrg(db, { name: "Outage" });
    const owner = await seedMember(db, org.id, { role: "owner" });
    const admin = await seedMember(db, org.id, { role: "admin" });
    const developer = await seedMember(db, org.id, { role: "developer" });
    const key = (await insertApiKey(db, org.id, "digest", "admin")).key;
    const api = (pathname: string, body: unknown) => postJson(server.url, key, pathname, body);
    const app = await api("/api/v1/app", { name: "Outage" });
    const url = receiver.url("/down");
    const endpoint = await api(`/api/v1/app/${app.id}/endpoint`, { url });

    const started = Date.now();
    const batches = Array.from({ length: MESSAGES / BATCH }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => ({ eventType: "order.paid", payload: { n: b * BATCH + i } })),
    );
    for (let i = 0; i < batches.length; i += 4) {
      await Promise.all(batches.slice(i, i + 4).map((messages) => api(`/api/v1/app/${app.id}/msg/batch`, { messages })));
    }
    const ingested = Date.now();
    const notices = () => db.notice.findMany({ where: { orgId: org.id, endpointId: endpoint.id } });
    const folded = async () => (await notices()).filter((n) => n.kind === "message.attempt.exhausted").reduce((sum, n) => sum + n.count, 0);
    await until(async () => (await folded()) === MESSAGES, "every exhausted message to be folded", 150_000).catch(async (error: Error) => {
      const exhausted = await db.delivery.count({ where: { endpointId: endpoint.id, status: "exhausted" } });
      throw new Error(`${error.message}: ${exhausted} exhausted, ${await folded()} folded; a worker said:\n${workers[0]!.output().slice(-3000)}`);
    });
    const settled = Date.now();
    expect(await db.delivery.count({ where: { endpointId: endpoint.id, status: "exhausted" } })).toBe(MESSAGES);

    // One notice per hour the outage touched (it took well under an hour, so it straddles at
    // most one hour boundary), and one "failing" notice: at most 3 in all.
    const all = await notices();
    const exhausted = all.filter((n) => n.kind === "message.attempt.exhausted");
    expect(exhausted.length).toBeGreaterThanOrEqual(1);
    expect(exhausted.length).toBeLessThanOrEqual(2);
    expect(all.length).toBeLessThanOrEqual(3);
    expect(new Set(exhausted.map((n) => n.bucket!.getTime())).size).toBe(exhausted.length);

    // The inbox says how many, where and when, with the endpoint's link.
    const inbox = await fetch(`${server.url}/api/console/notices?kind=message.attempt.exhausted`, { headers: { authorization: `Bearer ${key}` } });
    const listed = (await inbox.json()) as { data: { title: string; count: number; endpointId: string; appId: string }[] };
    expect(listed.data.reduce((sum, n) => sum + n.count, 0)).toBe(MESSAGES);
    for (const n of listed.data) expect(n.title).toMatch(new RegExp(`^[\\d,]+ messages? exhausted on ${url} between \\d\\d:00 and \\d\\d:00 UTC$`));
    if (listed.data.length === 1) expect(listed.data[0]!.title).toContain("10,000 messages exhausted");

    // The first notice was emailed at once; everything after it waits for the hour to be up.
    await until(() => smtp.to(owner.user.email).length > 0, "the first email");
    await sleep(6_000); // longer than a worker's housekeeping takes to look again
    for (const person of [owner, admin]) expect(smtp.to(person.user.email)).toHaveLength(1);
    expect(smtp.to(developer.user.email)).toHaveLength(0);
    // The first batch that failed: its exhausted messages.
    const first = smtp.to(owner.user.email)[0]!;
    expect(first.text).toContain(`https://pigeon.example.com/apps/${app.id}/endpoints/${endpoint.id}`);
    const emailedFirst = exhaustedCounts(first.text).reduce((a, b) => a + b, 0);
    expect(emailedFirst).toBeGreaterThan(0);
    const waiting = await db.notice.aggregate({ where: { orgId: org.id }, _sum: { emailPending: true } });
    expect(waiting._sum.emailPending).toBeGreaterThan(0);

    // An hour later (the last email moved an hour back), one of the two workers sends the
    // digest: every exhausted message is in it, counted per hour.
    const digest = await db.noticeDigest.findUniqueOrThrow({ where: { orgId: org.id } });
    await db.noticeDigest.update({ where: { orgId: org.id }, data: { sentAt: new Date(digest.sentAt!.getTime() - HOUR) } });
    await until(() => smtp.to(owner.user.email).length > 1, "the hourly digest", 20_000);
    await sleep(6_000);
    for (const person of [owner, admin]) expect(smtp.to(person.user.email)).toHaveLength(2);
    const second = smtp.to(owner.user.email)[1]!;
    expect(exhaustedCounts(second.text).reduce((a, b) => a + b, 0)).toBe(MESSAGES);
    expect(second.text).toContain(`https://pigeon.example.com/apps/${app.id}/messages?status=exhausted&endpoint=${endpoint.id}`);
    const since = [...second.text.matchAll(/\(([\d,]+) since the last email\)/g)].map((m) => Number(m[1]!.replace(/,/g, "")));
    const newInHours = exhaustedCounts(second.text).length - since.length;
    // Nothing lost, nothing told twice: what the first email counted plus what is new since.
    if (newInHours === 0) expect(emailedFirst + since.reduce((a, b) => a + b, 0)).toBe(MESSAGES);
    // The endpoint flagged failing (once 20 attempts had failed) is told once, in one of the two.
    expect([first, second].filter((m) => m.text.includes("Endpoint failing"))).toHaveLength(1);
    expect((await db.notice.aggregate({ where: { orgId: org.id }, _sum: { emailPending: true } }))._sum.emailPending).toBe(0);

    console.log(
      `[${kind}] ${MESSAGES} messages: ingest ${ingested - started} ms, exhausted and folded ${settled - ingested} ms; ` +
        `${exhausted.length} exhausted notice(s), ${all.length} notices, ${smtp.mails.length} emails`,
    );
  });

  it("emails an endpoint disabled at once, inside the hour, and no more often than the urgent interval", async () => {
    const org = await seedOrg(db, { name: "Disables" });
    const owner = await seedMember(db, org.id, { role: "owner" });
    const key = (await insertApiKey(db, org.id, "disables", "admin")).key;
    const api = (pathname: string, body: unknown) => postJson(server.url, key, pathname, body);
    const app = await api("/api/v1/app", { name: "Disables" });
    const endpoints = [];
    for (const name of ["a", "b", "c"]) endpoints.push(await api(`/api/v1/app/${app.id}/endpoint`, { url: receiver.url(`/disable-${name}`) }));
    // An email went out just now: the hourly cap is in force.
    await db.noticeDigest.create({ data: { orgId: org.id, sentAt: new Date() } });

    const disable = (id: string) =>
      fetch(`${server.url}/api/v1/app/${app.id}/endpoint/${id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ disabled: true }),
      });
    expect((await disable(endpoints[0].id)).status).toBe(200);
    await until(() => smtp.to(owner.user.email).length > 0, "the disable's email");
    expect(smtp.to(owner.user.email)[0]!.subject).toContain(`Endpoint disabled: ${receiver.url("/disable-a")}`);

    // Two more disables within the urgent interval wait for it, folded into one email.
    for (const endpoint of endpoints.slice(1)) expect((await disable(endpoint.id)).status).toBe(200);
    await sleep(6_000);
    expect(smtp.to(owner.user.email)).toHaveLength(1);
    const digest = await db.noticeDigest.findUniqueOrThrow({ where: { orgId: org.id } });
    await db.noticeDigest.update({ where: { orgId: org.id }, data: { urgentSentAt: new Date(digest.urgentSentAt!.getTime() - 5 * 60_000) } });
    await until(() => smtp.to(owner.user.email).length > 1, "the next disable email", 20_000);
    const next = smtp.to(owner.user.email)[1]!;
    expect(next.subject).toMatch(/Endpoint disabled: .* \(and 1 more\)/);
    expect(next.text).toContain(receiver.url("/disable-b"));
    expect(next.text).toContain(receiver.url("/disable-c"));
  });
});
