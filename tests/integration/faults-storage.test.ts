import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { createDb } from "@/lib/db";
import { STALE_AFTER_MS } from "@/lib/http/idempotency";
import { seedApp, seedOrg } from "@/lib/seed/factories";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { testServerEnv } from "../setup/global-setup";
import { startServer, type RunningServer } from "../support/server";
import { startTcpProxy } from "../support/tcp-proxy";
import { createTestDatabase } from "../support/test-database";
import { sleep, until } from "../support/wait";

// Storage faults against the real production server, each on its own database: a kill -9
// in the middle of Idempotency-Key requests, a PostgreSQL outage, a full disk and a
// read-only database file (SQLite on a small tmpfs; needs root to mount it).

const kind = inject("dbKind");
const root = path.resolve(import.meta.dirname, "../..");
const isRoot = process.getuid?.() === 0;

// What each test leaves behind, undone after it whatever happened.
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A migrated database, a client on it, an organization with an API key and an application. */
async function prepare(url: string) {
  await runMigrations(url, root);
  const db = createDb(url);
  cleanups.push(() => db.$disconnect());
  const org = await seedOrg(db);
  const key = (await insertApiKey(db, org.id, "faults", "admin")).key;
  const app = await seedApp(db, org.id);
  return { db, org, key, app };
}

async function serve(env: Record<string, string>): Promise<RunningServer> {
  const server = await startServer({ ...testServerEnv, PIGEON_DATA_DIR: inject("dataDir"), ...env });
  cleanups.push(() => server.stop("SIGKILL"));
  return server;
}

function client(base: () => string, key: string, appId: string) {
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, "content-type": "application/json", ...extra });
  return {
    post: (payload: unknown, idempotencyKey?: string) =>
      fetch(`${base()}/api/v1/app/${appId}/msg`, {
        method: "POST",
        headers: headers(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
        body: JSON.stringify({ eventType: "fault.test", payload }),
      }),
    list: () => fetch(`${base()}/api/v1/app`, { headers: headers() }),
    ready: () => fetch(`${base()}/api/ready`),
  };
}

/** An error answer must be JSON {code, detail}; a 503 also says when to retry. */
async function checkError(response: Response): Promise<string | undefined> {
  const text = await response.text();
  let body: { code?: unknown; detail?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return `${response.status} not JSON: ${text.slice(0, 100)}`;
  }
  if (typeof body.code !== "string" || body.detail === undefined) return `${response.status} without {code, detail}: ${text.slice(0, 100)}`;
  if (response.status === 503 && !/^\d+$/.test(response.headers.get("retry-after") ?? "")) return "503 without Retry-After";
  return undefined;
}

/**
 * Holds requests past their Idempotency-Key placeholder before their answer, from outside
 * the server, so a kill lands in that window. SQLite: the database's write lock. PostgreSQL:
 * the placeholders of requests in progress (at least one), locked row by row. Their requests
 * go on to store their messages and wait at their answers; new requests are not held (a
 * lock on the whole table held them at the placeholder too, where they took the pool's
 * connections, so whether any message was stored unanswered was up to timing). Returns the release.
 */
async function holdWrites(url: string): Promise<() => Promise<void>> {
  if (url.startsWith("file:")) {
    const connection = new Database(url.slice("file:".length));
    connection.exec("BEGIN IMMEDIATE");
    return async () => {
      connection.exec("ROLLBACK");
      connection.close();
    };
  }
  const connection = new pg.Client({ connectionString: url });
  await connection.connect();
  await connection.query("BEGIN");
  while ((await connection.query(`SELECT 1 FROM "IdempotencyRecord" WHERE "status" = 0 FOR UPDATE`)).rowCount === 0) await sleep(5);
  return async () => {
    await connection.query("ROLLBACK");
    await connection.end();
  };
}

const count = (statuses: number[]) => Object.fromEntries([...new Set(statuses)].sort().map((s) => [s, statuses.filter((x) => x === s).length]));

describe("a kill -9 during Idempotency-Key requests", () => {
  it("lets the client's retry take over a stale in-progress key: the stored message's id, no duplicate", async () => {
    const database = await createTestDatabase(kind);
    cleanups.push(() => database.drop());
    const { db, key, app } = await prepare(database.url);
    const env = { DATABASE_URL: database.url, PIGEON_WORKER: "false", PIGEON_API_RATE_LIMIT: "0" };
    let server = await serve(env);
    const api = client(() => server.url, key, app.id);

    // Many requests in flight when the process dies, held between their key's placeholder
    // and its answer: some before their message is stored, some after.
    const sent: string[] = [];
    const answered = new Map<string, string>();
    let killed = false;
    const senders = Array.from({ length: 48 }, async () => {
      while (!killed) {
        const k = `crash-${sent.length}`;
        sent.push(k);
        // A request cut by the kill has no answer; its key is retried below.
        const id = await api
          .post({ k }, k)
          .then(async (response) => (response.status === 202 ? ((await response.json()) as { id: string }).id : undefined))
          .catch(() => undefined);
        if (id) answered.set(k, id);
      }
    });
    await until(() => answered.size >= 300, "300 messages accepted", 30_000);
    const release = await holdWrites(database.url);
    await sleep(500);
    await server.stop("SIGKILL");
    await release();
    killed = true;
    await Promise.all(senders);

    const payloadKey = (payload: string | null) => (JSON.parse(payload ?? "{}") as { k: string }).k;
    const stored = async () => {
      const messages = await db.message.findMany({ where: { appId: app.id }, select: { id: true, payload: true } });
      const byKey = new Map<string, string[]>();
      for (const m of messages) byKey.set(payloadKey(m.payload), [...(byKey.get(payloadKey(m.payload)) ?? []), m.id]);
      return byKey;
    };
    const inProgress = await db.idempotencyRecord.findMany({ where: { status: 0 }, select: { key: true } });
    const atKill = await stored();
    const storedUnanswered = inProgress.filter((r) => atKill.has(r.key)).length;

    server = await serve(env);
    const started = Date.now();
    const retried = sent.filter((k) => !answered.has(k));
    const conflicts: number[] = [];
    const finals = new Map<string, { status: number; id?: string; replayed: boolean }>();
    await Promise.all(
      retried.map(async (k) => {
        let first409: number | undefined;
        for (;;) {
          const response = await api.post({ k }, k);
          if (response.status === 409 && Date.now() - started < STALE_AFTER_MS + 15_000) {
            first409 ??= Date.now();
            await response.body?.cancel();
            await sleep(1000);
            continue;
          }
          if (first409) conflicts.push(Date.now() - first409);
          const body = (await response.json()) as { id?: string };
          finals.set(k, { status: response.status, id: body.id, replayed: response.headers.get("idempotent-replayed") === "true" });
          return;
        }
      }),
    );
    // A key answered before the crash is replayed as it was.
    const [oneAnswered, itsId] = [...answered][0]!;
    const again = await api.post({ k: oneAnswered }, oneAnswered);
    const after = await stored();
    const duplicates = [...after.values()].filter((ids) => ids.length > 1).length;
    const stuck = [...finals.values()].filter((f) => f.status === 409).length;
    console.log(
      `[faults] kill -9 on ${kind}: ${sent.length} sent, ${answered.size} answered before the kill, ${inProgress.length} keys in progress at the kill ` +
        `(${storedUnanswered} with the message stored); ${retried.length} retried: statuses ${JSON.stringify(count([...finals.values()].map((f) => f.status)))}, ` +
        `${conflicts.length} saw 409 for at most ${Math.max(0, ...conflicts)} ms, ${stuck} still 409 after ${Math.round((STALE_AFTER_MS + 15_000) / 1000)} s; ` +
        `${duplicates} keys with more than one message`,
    );

    expect(again.status).toBe(202);
    expect(((await again.json()) as { id: string }).id).toBe(itsId);
    // SQLite runs a request's statements synchronously, one request after another, so a kill
    // only sometimes lands between a stored message and its answer; PostgreSQL's held lock makes sure.
    if (kind === "postgres") expect(storedUnanswered, "the kill landed between a stored message and its answer").toBeGreaterThan(0);
    expect(stuck).toBe(0);
    expect(Math.max(0, ...conflicts)).toBeLessThanOrEqual(STALE_AFTER_MS + 2000);
    for (const [k, final] of finals) {
      expect(final.status, k).toBe(202);
      // The retry answers with the message that was stored, whether before the kill or by the retry.
      expect(after.get(k), k).toEqual([final.id]);
      if (atKill.has(k)) expect(atKill.get(k)).toEqual([final.id]);
    }
    expect(duplicates).toBe(0);
  }, 120_000);
});

describe.skipIf(kind !== "postgres")("a PostgreSQL outage", () => {
  it("answers 503 with Retry-After, never 500, and recovers without a restart", async () => {
    const database = await createTestDatabase("postgres");
    cleanups.push(() => database.drop());
    const { key, app } = await prepare(database.url);
    const target = new URL(database.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    cleanups.push(() => proxy.stop());
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    const server = await serve({ DATABASE_URL: proxied.toString() });
    const api = client(() => server.url, key, app.id);

    const statuses: number[] = [];
    const bad: string[] = [];
    let phase: "before" | "down" | "after" = "before";
    let firstOkAfter: number | undefined;
    let running = true;
    let n = 0;
    const load = Array.from({ length: 8 }, async (_, worker) => {
      while (running) {
        const i = n++;
        const response = await api.post({ i }, worker % 2 ? `outage-${i}` : undefined);
        statuses.push(response.status);
        if (response.status === 202) {
          if (phase === "after") firstOkAfter ??= Date.now();
          await response.body?.cancel();
        } else {
          const problem = await checkError(response);
          if (problem || response.status !== 503) bad.push(problem ?? `${response.status} during ${phase}`);
        }
      }
    });
    await sleep(1000);
    phase = "down";
    await proxy.stop();
    const downAt = Date.now();
    await sleep(4000);
    const readyDown = (await api.ready()).status;
    phase = "after";
    await proxy.start();
    const upAt = Date.now();
    await until(() => firstOkAfter, "a message accepted after the outage", 20_000);
    const settled = statuses.length;
    await sleep(1000);
    running = false;
    await Promise.all(load);
    const afterSettled = statuses.slice(settled);
    console.log(
      `[faults] PostgreSQL outage of ${upAt - downAt} ms: statuses ${JSON.stringify(count(statuses))}; readiness while down ${readyDown}; ` +
        `first 202 ${firstOkAfter! - upAt} ms after the database came back; after that ${JSON.stringify(count(afterSettled))}; problems: ${bad.length} ${bad.slice(0, 3).join(" | ")}`,
    );
    expect(statuses).not.toContain(500);
    expect(statuses).toContain(503);
    expect(bad).toEqual([]);
    expect(readyDown).toBe(503);
    expect(afterSettled.every((s) => s === 202)).toBe(true);
    expect((await api.ready()).status).toBe(200);
  }, 120_000);
});

describe.skipIf(kind !== "sqlite" || !isRoot)("SQLite on a small file system", () => {
  /** A fresh 8 MB tmpfs, unmounted after the test. */
  function smallDisk(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pigeon-small-disk-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", dir]);
    cleanups.push(() => {
      execFileSync("umount", ["-l", dir]);
      rmSync(dir, { recursive: true, force: true });
    });
    return dir;
  }

  /** Writes a file until the disk is full; returns its path. */
  function fill(dir: string): string {
    const file = path.join(dir, "filler");
    const fd = openSync(file, "w");
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      if ((error as { code?: string }).code !== "ENOSPC") throw error;
    } finally {
      closeSync(fd);
    }
    return file;
  }

  it("a full disk answers 503 with Retry-After, readiness 503, and logs SQLite's own error", async () => {
    const dir = smallDisk();
    const url = `file:${path.join(dir, "pigeon.db")}`;
    const { key, app } = await prepare(url);
    const server = await serve({ DATABASE_URL: url });
    const api = client(() => server.url, key, app.id);
    expect((await api.post({ warm: true })).status).toBe(202);

    const filler = fill(dir);
    const statuses: number[] = [];
    const bad: string[] = [];
    for (let i = 0; i < 20; i++) {
      // With and without an Idempotency-Key: its record is written through Prisma, the message through plain SQL.
      const response = await api.post({ i, padding: "x".repeat(50_000) }, i % 2 ? `full-${i}` : undefined);
      statuses.push(response.status);
      const problem = response.status === 202 ? undefined : await checkError(response);
      if (problem) bad.push(problem);
    }
    const readyFull = (await api.ready()).status;
    const listFull = (await api.list()).status;
    const logged = server.output().includes("database or disk is full");
    const rollbackNoise = server.output().includes("cannot rollback");
    rmSync(filler);
    const afterStatus = (await api.post({ freed: true })).status;
    // Readiness writes its heartbeat every few seconds at most: it turns within a few seconds.
    const readyFreed = await until(async () => ((await api.ready()).status === 200 ? 200 : false), "readiness after freeing space", 15_000).catch(() => 503);
    console.log(
      `[faults] disk full on SQLite: statuses ${JSON.stringify(count(statuses))}, readiness ${readyFull}, GET ${listFull}, ` +
        `"database or disk is full" logged: ${logged}, "cannot rollback" logged: ${rollbackNoise}, problems: ${bad.length} ${bad.slice(0, 2).join(" | ")}; ` +
        `after freeing space: POST ${afterStatus}, readiness ${readyFreed}`,
    );
    expect(statuses).not.toContain(500);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(bad).toEqual([]);
    expect(readyFull).toBe(503);
    expect(listFull).toBe(200);
    expect(logged).toBe(true);
    expect(rollbackNoise).toBe(false);
    expect(afterStatus).toBe(202);
    expect(readyFreed).toBe(200);
  }, 120_000);

  it("a read-only database file still answers GETs with an API key; writes and readiness 503", async () => {
    const dir = smallDisk();
    const url = `file:${path.join(dir, "pigeon.db")}`;
    const { db, org, key, app } = await prepare(url);
    let server = await serve({ DATABASE_URL: url });
    expect((await client(() => server.url, key, app.id).post({ warm: true })).status).toBe(202);
    // A key never used yet: its first request would record "last used".
    const fresh = (await insertApiKey(db, org.id, "fresh", "viewer")).key;
    await db.$disconnect();
    // kill -9 leaves the WAL beside the file, which SQLite needs to read a read-only database.
    await server.stop("SIGKILL");
    execFileSync("mount", ["-o", "remount,ro", dir]);
    cleanups.push(() => execFileSync("mount", ["-o", "remount,rw", dir]));
    server = await serve({ DATABASE_URL: url });
    const api = client(() => server.url, fresh, app.id);
    const gets: number[] = [];
    for (let i = 0; i < 5; i++) gets.push((await api.list()).status);
    const ready = (await api.ready()).status;
    const post = await client(() => server.url, key, app.id).post({ readOnly: true });
    const problem = await checkError(post);
    console.log(`[faults] read-only SQLite: GETs ${JSON.stringify(count(gets))}, readiness ${ready}, POST ${post.status} ${problem ?? ""}`);
    expect(gets.every((s) => s === 200)).toBe(true);
    expect(ready).toBe(503);
    expect(post.status).toBe(503);
    expect(problem).toBeUndefined();
  }, 120_000);
});
