import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "../../scripts/lib/build-if-needed";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { startServer } from "../support/server";
import { createTestDatabase, type DbKind } from "../support/test-database";

// The receivers of the delivery tests listen on this machine, so it is allow-listed here;
// tests of the SSRF rules start their own server without it. The tests act as the one
// proxy in front of the server: each simulated browser names its own address in
// X-Forwarded-For.
export const testServerEnv = { PIGEON_ALLOWED_NETWORKS: "127.0.0.0/8,::1/128", PIGEON_RETRY_SCHEDULE: "1,2", PIGEON_TRUSTED_PROXIES: "1" };

declare module "vitest" {
  export interface ProvidedContext {
    dbKind: DbKind;
    databaseUrl: string;
    baseUrl: string;
    dataDir: string;
    encryptionKey: string;
  }
}

// One database (SQLite or PostgreSQL, by PIGEON_TEST_DB) and one production server per run.
export default async function setup(project: TestProject) {
  const kind = (process.env.PIGEON_TEST_DB ?? "sqlite") as DbKind;
  const root = path.resolve(import.meta.dirname, "../..");
  const database = await createTestDatabase(kind);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pigeon-data-"));
  // Production servers on PostgreSQL refuse to start without a key; every process of a run
  // (servers, workers, the test files themselves) shares this one.
  const encryptionKey = randomBytes(32).toString("base64");
  process.env.PIGEON_ENCRYPTION_KEY = encryptionKey;
  await runMigrations(database.url, root);
  buildIfNeeded(root);
  const server = await startServer({ DATABASE_URL: database.url, PIGEON_DATA_DIR: dataDir, ...testServerEnv });
  project.provide("dbKind", kind);
  project.provide("databaseUrl", database.url);
  project.provide("baseUrl", server.url);
  project.provide("dataDir", dataDir);
  project.provide("encryptionKey", encryptionKey);
  return async () => {
    await server.stop();
    // PIGEON_TEST_SERVER_LOG=<file> keeps what the server printed, to read after a failure.
    if (process.env.PIGEON_TEST_SERVER_LOG) writeFileSync(process.env.PIGEON_TEST_SERVER_LOG, server.output());
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
