import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/prisma-sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/prisma-postgres/client";
import { databaseProvider, env } from "./env";
import { errorField, log as logger } from "./ops/log";

export { Prisma } from "./generated/prisma-sqlite/client";
export type {
  Message,
  Delivery,
  Attempt,
  Batch,
  Notice,
  AuditEvent,
  IdempotencyRecord,
  Task,
  Application,
  EventType,
  Endpoint,
  EndpointSecret,
  EndpointStat,
  Organization,
  User,
  Membership,
  Invitation,
  ApiKey,
  RateLimit,
} from "./generated/prisma-sqlite/client";
export * from "./generated/prisma-sqlite/enums";

/** Both generated clients share one model set, so one type describes either. */
export type Db = SqliteClient;

// SQLite per-connection settings: WAL lets readers run beside the writer, foreign keys
// make cascades work (the classic engine set this itself; the JS adapter does not).
const SQLITE_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

class SqliteAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  }
}

/** A new client; `logQueries` emits each statement as a "query" event (benchmarks read their plans). */
export function createDb(url: string = env().DATABASE_URL, options: { logQueries?: boolean } = {}): Db {
  const log = options.logQueries ? [{ emit: "event" as const, level: "query" as const }] : undefined;
  if (databaseProvider(url) === "sqlite") {
    return new SqliteClient({
      adapter: new SqliteAdapter({ url, timeout: 10_000 }, { timestampFormat: "unixepoch-ms" }),
      log,
    }) as Db;
  }
  // As the plain-SQL pool does (lib/sql/connection.ts): an idle connection the server closed
  // (a restart, a failover) is dropped from the pool and reopened on next use.
  const onPoolError = (error: Error) => logger().warn({ err: errorField(error) }, "idle database connection closed");
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }, { onPoolError }), log });
  return client as unknown as Db;
}

const store = globalThis as unknown as { __pigeonDb?: Db };

/** The one database client of this process, created on first use. */
export const db: Db = new Proxy({} as Db, {
  get(_, property) {
    store.__pigeonDb ??= createDb();
    const value = Reflect.get(store.__pigeonDb, property);
    return typeof value === "function" ? value.bind(store.__pigeonDb) : value;
  },
});

export function provider(): "sqlite" | "postgres" {
  return databaseProvider(env().DATABASE_URL);
}
