import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { type UpgradeCounts, upgradeStoredSecrets } from "@/lib/crypto/upgrade-stored-secrets";
import { createDb, type Db } from "@/lib/db";
import { databaseProvider } from "@/lib/env";
import { checkReadiness } from "@/lib/ops/check-readiness";
import { syncSchemaFolders } from "./schema-folders";

const DONE = /All migrations have been successfully applied|No pending migrations to apply/;

/** Creates the PostgreSQL database named in the URL when it does not exist yet. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) return;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Applies the committed migrations of the URL's provider (`prisma migrate deploy`), then
 * brings stored secrets to the current encryption at rest (upgradeStoredSecrets).
 * When nothing is pending the schema engine is not started at all: it takes a write lock,
 * which on SQLite would wait on (and fail beside) a running server's writes.
 */
export async function runMigrations(url: string, cwd = process.cwd()): Promise<string> {
  syncSchemaFolders(cwd);
  const provider = databaseProvider(url);
  if (provider === "sqlite") {
    mkdirSync(path.dirname(path.resolve(cwd, url.replace(/^file:/, ""))), { recursive: true });
  } else {
    await ensurePostgresDatabase(url);
  }
  const applied =
    (await withDb(url, (db) => checkReadiness(db, provider, cwd))).migrations.pending.length === 0 ? "schema up to date" : await migrateDeploy(url, cwd);
  const upgraded = await withDb(url, (db) => upgradeStoredSecrets(db, provider));
  return [applied, ...describeUpgrade(upgraded)].join("; ");
}

/** Runs `work` with a client of its own, closed before anything else (the schema engine) opens the database. */
async function withDb<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(url);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

/**
 * `prisma migrate deploy`. Prisma's WebAssembly schema engine keeps a timer alive for ~10 s
 * after it has finished, so the child is stopped as soon as it reports success.
 */
function migrateDeploy(url: string, cwd: string): Promise<string> {
  const cli = path.join(cwd, "node_modules", "prisma", "build", "index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd,
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let succeeded = false;
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (!succeeded && DONE.test(output)) {
        succeeded = true;
        child.kill();
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => {
      if (succeeded || code === 0) resolve(summarize(output));
      else reject(new Error(`migrations failed:\n${output.trim()}`));
    });
  });
}

function describeUpgrade({ headers, secrets, unreadable }: UpgradeCounts): string[] {
  return [
    ...(headers ? [`custom headers of ${headers} endpoint${headers === 1 ? "" : "s"} encrypted`] : []),
    ...(secrets ? [`${secrets} signing secret${secrets === 1 ? "" : "s"} re-encrypted, bound to their rows`] : []),
    ...(unreadable
      ? [`${unreadable} signing secret${unreadable === 1 ? "" : "s"} left as they were: they do not decrypt with this key (check PIGEON_ENCRYPTION_KEY)`]
      : []),
  ];
}

function summarize(output: string): string {
  const applied = output.match(/^ {2}└─ \S+\/$/gm)?.length ?? 0;
  return applied ? `${applied} migration${applied === 1 ? "" : "s"} applied` : "schema up to date";
}
