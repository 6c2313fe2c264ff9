import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type DbKind = "sqlite" | "postgres";

export interface TestDatabase {
  kind: DbKind;
  url: string;
  drop(): Promise<void>;
}

export const postgresAdminUrl = () => process.env.PIGEON_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * A brand-new empty database of the given kind, to be dropped after the run. The
 * benchmarks use it too, with their own name prefix and PostgreSQL server.
 */
export async function createTestDatabase(kind: DbKind, options: { prefix?: string; adminUrl?: string } = {}): Promise<TestDatabase> {
  const prefix = options.prefix ?? "pigeon_test";
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, "-")}-`));
    return { kind, url: `file:${path.join(dir, "test.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = options.adminUrl ?? postgresAdminUrl();
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
