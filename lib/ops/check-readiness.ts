import { readdir } from "node:fs/promises";
import path from "node:path";
import { db as processDb, provider as processProvider, type Db } from "@/lib/db";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: { applied: number; pending: string[] };
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

/** Ready means: the database answers and every committed migration has been applied. */
export async function checkReadiness(db: Db = processDb, provider: Provider = processProvider(), cwd = process.cwd()): Promise<Readiness> {
  const committed = await committedMigrations(provider, cwd);
  let applied: string[];
  try {
    applied = await appliedMigrations(db, provider);
  } catch {
    return { ready: false, database: "unreachable", migrations: { applied: 0, pending: committed } };
  }
  const pending = committed.filter((name) => !applied.includes(name));
  return { ready: pending.length === 0, database: "ok", migrations: { applied: applied.length, pending } };
}
