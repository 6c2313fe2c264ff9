import { createDb, type Db } from "@/lib/db";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { type RunningServer, startServer } from "./server";
import { createTestDatabase, type DbKind, type TestDatabase } from "./test-database";

export interface OwnInstall {
  database: TestDatabase;
  db: Db;
  server: RunningServer;
  stop(): Promise<void>;
}

/**
 * A migrated database and a production server of a test file's own, for tests that need
 * settings or counters the shared server does not have. `stop` undoes all of it.
 */
export async function startOwnInstall(kind: DbKind, env: Record<string, string>): Promise<OwnInstall> {
  const database = await createTestDatabase(kind);
  await runMigrations(database.url);
  const db = createDb(database.url);
  const server = await startServer({ DATABASE_URL: database.url, ...env });
  return {
    database,
    db,
    server,
    async stop() {
      await server.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}
