import { type PostgresSql, type SqliteSql, type SqlValue, sql } from "./connection";

// A write of several dependent statements, written once for both databases: a generator
// yields each statement (its text for the dialect it is given) and receives its rows.
// SQLite runs it synchronously inside a write transaction (also on the engine's write
// thread); PostgreSQL awaits each statement on the transaction's client.

export interface Step {
  text: string;
  params: SqlValue[];
}
export type Steps<R> = Generator<Step, R, unknown[]>;

export const step = (text: string, ...params: SqlValue[]): Step => ({ text, params });

const RETURNS_ROWS = /^\s*SELECT\b|\bRETURNING\b/i;

export function runSqliteSteps<R>(db: SqliteSql, steps: Steps<R>): R {
  let next = steps.next([]);
  while (!next.done) {
    const { text, params } = next.value;
    if (RETURNS_ROWS.test(text)) next = steps.next(db.all(text, ...params));
    else {
      db.run(text, ...params);
      next = steps.next([]);
    }
  }
  return next.value;
}

export async function runPostgresSteps<R>(db: PostgresSql, steps: Steps<R>): Promise<R> {
  let next = steps.next([]);
  while (!next.done) next = steps.next(await db.query(next.value.text, next.value.params));
  return next.value;
}

/** A statement's placeholder as a time: epoch milliseconds on SQLite, timestamp(3) in UTC on PostgreSQL. */
export const timeParam = (pg: boolean, p: string) => (pg ? `(to_timestamp(${p}::float8 / 1000) AT TIME ZONE 'UTC')` : p);
/** A time column as epoch milliseconds in either database. */
export const epochMs = (pg: boolean, column: string) => (pg ? `floor(extract(epoch from ${column}) * 1000)::float8` : column);

/** Runs the steps in one write transaction of the process's database. */
export async function runSteps<R>(steps: (pg: boolean) => Steps<R>): Promise<R> {
  const connection = sql();
  return connection.kind === "sqlite"
    ? connection.write((db) => runSqliteSteps(db, steps(false)))
    : connection.write((db) => runPostgresSteps(db, steps(true)));
}

/** A list of ids as one parameter: a JSON array on SQLite, a text[] on PostgreSQL. */
export const idsParam = (pg: boolean, ids: readonly string[]): SqlValue => (pg ? ids : JSON.stringify(ids));
export const inIds = (pg: boolean, p: string) => (pg ? `(SELECT unnest(${p}::text[]))` : `(SELECT value FROM json_each(${p}))`);
