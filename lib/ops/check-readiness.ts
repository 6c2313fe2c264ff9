import { readdir } from "node:fs/promises";
import path from "node:path";
import { db as processDb, provider as processProvider, type Db } from "@/lib/db";
import { errorField, log } from "@/lib/ops/log";

export interface Readiness {
  ready: boolean;
  /** "read-only": the database answers but refuses writes (a full disk, a read-only file or standby). */
  database: "ok" | "unreachable" | "read-only";
  migrations: { applied: number; pending: string[] };
}

// Proving that the database takes writes costs one tiny write: made at most this often per
// process, however often the check is called; the result is reused in between.
const HEARTBEAT_EVERY_MS = 5_000;
const heartbeats = new WeakMap<Db, { at: number; ok: boolean }>();

async function acceptsWrites(db: Db): Promise<boolean> {
  const last = heartbeats.get(db);
  if (last && Date.now() - last.at < HEARTBEAT_EVERY_MS) return last.ok;
  const at = new Date();
  const ok = await db.heartbeat.upsert({ where: { id: 1 }, create: { id: 1, at }, update: { at } }).then(
    () => true,
    (error) => {
      log().warn({ err: errorField(error) }, "readiness: the database refused a write");
      return false;
    },
  );
  heartbeats.set(db, { at: at.getTime(), ok });
  return ok;
}

type Provider = "sqlite" | "postgres";

async function committedMigrations(provider: Provider, cwd: string): Promise<string[]> {
  const folder = path.join(cwd, "prisma", provider, "migrations");
  const entries = await readdir(folder, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

async function appliedMigrations(db: Db, provider: Provider): Promise<string[]> {
  const table =
    provider === "sqlite"
      ? await db.$queryRawUnsafe<{ t: string | null }[]>(`SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
      : await db.$queryRawUnsafe<{ t: string | null }[]>(`SELECT to_regclass('_prisma_migrations')::text AS t`);
  if (!table[0]?.t) return [];
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return rows.map((row) => row.migration_name);
}

/** Ready means: the database answers, every committed migration has been applied, and it takes writes. */
export async function checkReadiness(db: Db = processDb, provider: Provider = processProvider(), cwd = process.cwd()): Promise<Readiness> {
  const committed = await committedMigrations(provider, cwd);
  let applied: string[];
  try {
    applied = await appliedMigrations(db, provider);
  } catch {
    return { ready: false, database: "unreachable", migrations: { applied: 0, pending: committed } };
  }
  const pending = committed.filter((name) => !applied.includes(name));
  const migrations = { applied: applied.length, pending };
  // Before its migration there is no heartbeat table to write to.
  if (pending.length > 0) return { ready: false, database: "ok", migrations };
  if (!(await acceptsWrites(db))) return { ready: false, database: "read-only", migrations };
  return { ready: true, database: "ok", migrations };
}
