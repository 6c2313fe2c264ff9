import "server-only";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider, env } from "@/lib/env";
import { errorField, log } from "@/lib/ops/log";

// Plain SQL for the few hot paths where Prisma's per-query cost dominates (message
// ingest, API-key lookup). Everything else goes through Prisma (lib/db).
//
// SQLite: one better-sqlite3 connection per process with cached prepared statements. Its
// calls are synchronous, so a write transaction runs start to finish within one tick and
// never interleaves with anything else in this process. It never waits on the file lock
// inside a call (busy_timeout 0; a blocked event loop could not let the lock holder in this
// process finish) — a busy database is retried after a short async pause instead.
//
// PostgreSQL: a small pg pool with named prepared statements. Timestamps are passed and
// read as epoch milliseconds, so no session time zone is involved.

type Scalar = string | number | boolean | null;
export type SqlValue = Scalar | readonly Scalar[];

export interface SqliteSql {
  kind: "sqlite";
  all<T>(sql: string, ...params: SqlValue[]): T[];
  get<T>(sql: string, ...params: SqlValue[]): T | undefined;
  run(sql: string, ...params: SqlValue[]): void;
}

export interface PostgresSql {
  kind: "postgres";
  query<T>(sql: string, params: SqlValue[]): Promise<T[]>;
}

const BUSY_DEADLINE_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sqliteFile(url: string): string {
  return url.replace(/^file:/, "");
}

/** Statements are written with PostgreSQL's `$1` placeholders; SQLite gets them as `@p1`. */
export const sqliteText = (text: string) => text.replace(/\$(\d+)/g, "@p$1");
const named = (params: SqlValue[]) => Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value]));

class SqliteConnection implements SqliteSql {
  readonly kind = "sqlite";
  private statements = new Map<string, Database.Statement>();
  constructor(private connection: Database.Database) {}

  close(): Promise<void> {
    this.connection.close();
    return Promise.resolve();
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sqliteText(sql));
      this.statements.set(sql, statement);
    }
    return statement;
  }
  all<T>(sql: string, ...params: SqlValue[]): T[] {
    return this.prepare(sql).all(named(params)) as T[];
  }
  get<T>(sql: string, ...params: SqlValue[]): T | undefined {
    return this.prepare(sql).get(named(params)) as T | undefined;
  }
  run(sql: string, ...params: SqlValue[]): void {
    this.prepare(sql).run(named(params));
  }

  /**
   * Runs `work` in a write transaction (BEGIN IMMEDIATE … COMMIT), waiting (asynchronously)
   * while another process writes. Group commit: every write asked for in one turn of the
   * event loop — a worker's claim and its record of finished attempts, concurrent messages —
   * shares one transaction, since a commit (the pages it appends to the WAL) costs more
   * than the statements before it. Each work runs in a savepoint of its own: one that
   * throws is undone alone and its caller gets the error; an error of the transaction
   * itself (BUSY past the deadline, a full disk at COMMIT) fails them all, nothing written.
   */
  write<T>(work: (sql: SqliteSql) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.writeGroup());
    });
  }

  private waiting: { work: (sql: SqliteSql) => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];

  private async writeGroup(): Promise<void> {
    const group = this.waiting;
    this.waiting = [];
    const deadline = Date.now() + BUSY_DEADLINE_MS;
    for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
      try {
        this.prepare("BEGIN IMMEDIATE").run();
        break;
      } catch (error) {
        if ((error as { code?: string }).code === "SQLITE_BUSY" && Date.now() < deadline) {
          await sleep(pause);
          continue;
        }
        for (const entry of group) entry.reject(error);
        return;
      }
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      for (const entry of group) {
        if (group.length === 1) {
          outcomes.push({ ok: true, value: entry.work(this) });
          continue;
        }
        this.prepare("SAVEPOINT work").run();
        try {
          outcomes.push({ ok: true, value: entry.work(this) });
          this.prepare("RELEASE work").run();
        } catch (error) {
          // Some errors (a full disk) end the whole transaction: then they are the group's.
          if (!this.connection.inTransaction) throw error;
          this.prepare("ROLLBACK TO work").run();
          this.prepare("RELEASE work").run();
          outcomes.push({ ok: false, error });
        }
      }
      this.connection.exec("COMMIT");
    } catch (error) {
      // A COMMIT that failed (a full disk) may have rolled back already: a second ROLLBACK
      // would throw "no transaction is active" and hide the real error, which must be thrown.
      if (this.connection.inTransaction) {
        try {
          this.connection.exec("ROLLBACK");
        } catch (rollbackError) {
          log().warn({ err: errorField(rollbackError) }, "rollback failed");
        }
      }
      for (const entry of group) entry.reject(error);
      return;
    }
    group.forEach((entry, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) entry.resolve(outcome.value);
      else entry.reject(outcome.error);
    });
  }
}

class PostgresConnection implements PostgresSql {
  readonly kind = "postgres";
  private names = new Map<string, string>();
  constructor(private pool: pg.Pool) {}

  close(): Promise<void> {
    return this.pool.end();
  }

  private named(sql: string): string {
    let name = this.names.get(sql);
    if (!name) {
      name = `pigeon_${this.names.size}`;
      this.names.set(sql, name);
    }
    return name;
  }
  async query<T>(sql: string, params: SqlValue[], client: pg.Pool | pg.PoolClient = this.pool): Promise<T[]> {
    const result = await client.query({ name: this.named(sql), text: sql, values: params });
    return result.rows as T[];
  }

  /** Runs `work` in one transaction on one pooled connection. */
  async write<T>(work: (sql: PostgresSql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection the server closes between two statements (a restart, a failover) reports
    // it on the client, where no query takes it: unheard, it would end the process. The next
    // statement fails instead, and the broken connection leaves the pool.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on("error", onError);
    try {
      await client.query("BEGIN");
      const result = await work({ kind: "postgres", query: (sql, params) => this.query(sql, params, client) });
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.off("error", onError);
      client.release(broken);
    }
  }
}

export type Sql = SqliteConnection | PostgresConnection;

const store = globalThis as unknown as { __pigeonSql?: Sql };

/** The plain-SQL connection of this process, opened on first use. */
export function sql(): Sql {
  if (!store.__pigeonSql) {
    const url = env().DATABASE_URL;
    if (databaseProvider(url) === "sqlite") {
      const connection = new Database(sqliteFile(url));
      connection.pragma("journal_mode = WAL");
      connection.pragma("synchronous = NORMAL");
      connection.pragma("foreign_keys = ON");
      connection.pragma("busy_timeout = 0");
      store.__pigeonSql = new SqliteConnection(connection);
    } else {
      const pool = new pg.Pool({ connectionString: url, max: 10 });
      // An idle connection the server closed (a restart, a failover) is dropped from the pool
      // and reopened on next use; unhandled, the event would end the process.
      pool.on("error", (error) => log().warn({ err: errorField(error) }, "idle database connection closed"));
      store.__pigeonSql = new PostgresConnection(pool);
    }
  }
  return store.__pigeonSql;
}

/** Closes this process's plain-SQL connection (before its database is dropped); the next sql() opens a new one. */
export async function closeSql(): Promise<void> {
  const open = store.__pigeonSql;
  store.__pigeonSql = undefined;
  await open?.close();
}

/** Unique-constraint violations of either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}
