import { idAtTime, newId } from "@/lib/ids";
import { type PostgresSql, type SqliteSql, sql } from "@/lib/sql/connection";

// A polling endpoint's deliveries (lib/polling): numbered in the order they became visible,
// read in that order, and marked delivered when a consumer first reads them. Both SQL
// dialects side by side, like the rest of the store.
//
// Why numbers and not message ids: ids are taken before a transaction commits, so a
// message can become visible after one with a later id was read; a cursor over ids would
// skip it. The sequencer numbers only what is visible, one sequencer per endpoint at a time
// (SQLite: the write lock; PostgreSQL: an advisory lock), so a late message gets a number
// after every number already handed out, and a cursor over numbers never skips one.

const SEQUENCE_BATCH = 5_000;
// Unnumbered and visible: a scheduled message (deliverAt) is numbered once its time has come.
const UNNUMBERED = (now: string) => `SELECT d."id", d."messageId" FROM "Delivery" d JOIN "Message" m ON m."id" = d."messageId"
  WHERE d."endpointId" = $1 AND d."seq" IS NULL AND (m."deliverAt" IS NULL OR m."deliverAt" <= ${now})`;
const statements = (now: string) => ({
  ANY: `${UNNUMBERED(now)} LIMIT 1`,
  SEQUENCE: `WITH base AS (SELECT COALESCE(MAX("seq"), 0) AS "m" FROM "Delivery" WHERE "endpointId" = $1),
    fresh AS (SELECT "id", row_number() OVER (ORDER BY "messageId") AS "n" FROM (${UNNUMBERED(now)} ORDER BY d."messageId" LIMIT ${SEQUENCE_BATCH}) AS u)
    UPDATE "Delivery" SET "seq" = (SELECT "m" FROM base) + fresh."n" FROM fresh WHERE "Delivery"."id" = fresh."id"`,
});
const SQLITE = statements("$2");
const POSTGRES = statements(`(to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC')`);

/** Numbers the endpoint's deliveries that became visible (and due, when scheduled) since the last call. */
export async function sequenceDeliveries(endpointId: string): Promise<void> {
  const connection = sql();
  const now = Date.now();
  if (connection.kind === "sqlite") {
    if (!connection.get(SQLITE.ANY, endpointId, now)) return;
    await connection.write((db) => {
      while (db.get(SQLITE.ANY, endpointId, now)) db.run(SQLITE.SEQUENCE, endpointId, now);
    });
    return;
  }
  if ((await connection.query(POSTGRES.ANY, [endpointId, now])).length === 0) return;
  await connection.write(async (db) => {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`pigeon-seq:${endpointId}`]);
    // Each statement sees what committed before it began (read committed), so after the lock.
    while ((await db.query(POSTGRES.ANY, [endpointId, now])).length > 0) await db.query(POSTGRES.SEQUENCE, [endpointId, now]);
  });
}

export interface StreamRow {
  deliveryId: string;
  seq: number;
  status: string;
  messageId: string;
  eventType: string;
  eventId: string | null;
  payload: string | null;
  channels: string[] | null;
  tags: string[] | null;
  createdAt: number;
}

const readPage = (
  time: string,
  json: (c: string) => string,
) => `SELECT d."id" AS "deliveryId", d."seq", d."status", m."id" AS "messageId", m."eventType", m."eventId",
    m."payload", ${json(`m."channels"`)} AS "channels", ${json(`m."tags"`)} AS "tags", ${time} AS "createdAt"
  FROM "Delivery" d JOIN "Message" m ON m."id" = d."messageId"
  WHERE d."endpointId" = $1 AND d."seq" > $2 ORDER BY d."seq" LIMIT $3`;
const READ = {
  sqlite: readPage(`m."createdAt"`, (c) => c),
  postgres: readPage(`(extract(epoch from m."createdAt") * 1000)::float8`, (c) => `${c}::text`),
};

/** Up to `limit` numbered deliveries after position `after`, in order, with their messages. */
export async function readNumbered(endpointId: string, after: number, limit: number): Promise<StreamRow[]> {
  const connection = sql();
  type Raw = Omit<StreamRow, "channels" | "tags"> & { channels: string | null; tags: string | null };
  const rows =
    connection.kind === "sqlite"
      ? connection.all<Raw>(READ.sqlite, endpointId, after, limit)
      : await connection.query<Raw>(READ.postgres, [endpointId, after, limit]);
  return rows.map((row) => ({
    ...row,
    seq: Number(row.seq),
    createdAt: Number(row.createdAt),
    channels: row.channels ? (JSON.parse(row.channels) as string[]) : null,
    tags: row.tags ? (JSON.parse(row.tags) as string[]) : null,
  }));
}

/** The first row of a read, on either database. */
async function one<T>(text: string, params: (string | number)[]): Promise<T | undefined> {
  const connection = sql();
  return connection.kind === "sqlite" ? connection.get<T>(text, ...params) : (await connection.query<T>(text, params))[0];
}

const NEWEST = `SELECT COALESCE(MAX("seq"), 0) AS "seq" FROM "Delivery" WHERE "endpointId" = $1`;

/** The position just before the first message created at or after `time`; the newest position when none is. */
export async function positionAt(endpointId: string, time: Date): Promise<number> {
  await sequenceDeliveries(endpointId);
  const first = `SELECT MIN("seq") AS "seq" FROM "Delivery" WHERE "endpointId" = $1 AND "messageId" >= $2 AND "seq" IS NOT NULL
    AND "status" IN ('pending', 'sending', 'succeeded', 'exhausted', 'paused')`;
  const found = await one<{ seq: number | null }>(first, [endpointId, idAtTime("message", time.getTime(), "start")]);
  if (found?.seq !== null && found?.seq !== undefined) return Number(found.seq) - 1;
  return newestPosition(endpointId);
}

/** The position of a message in the endpoint's stream (for resuming after it), or null. */
export async function positionOf(endpointId: string, messageId: string): Promise<number | null> {
  const row = await one<{ seq: number | null }>(`SELECT "seq" FROM "Delivery" WHERE "messageId" = $1 AND "endpointId" = $2`, [messageId, endpointId]);
  return row?.seq === null || row?.seq === undefined ? null : Number(row.seq);
}

/** The newest position of the endpoint's stream. */
export async function newestPosition(endpointId: string): Promise<number> {
  return Number((await one<{ seq: number }>(NEWEST, [endpointId]))?.seq ?? 0);
}

export interface ReadBy {
  /** How it was read, shown in the attempt log: e.g. `poll`, `sse`, `websocket`. */
  via: string;
  consumerId?: string;
  url: string;
}

// The first read of a delivery is its one attempt: delivered (200), by whom and how.
const MARK = (time: (p: string) => string, ids: string) => `UPDATE "Delivery" SET "status" = 'succeeded', "attempts" = "attempts" + 1, "nextAttemptAt" = NULL,
    "lastAttemptAt" = ${time("$2")}, "lastStatusCode" = 200, "updatedAt" = ${time("$2")}
  WHERE "id" IN ${ids} AND "status" IN ('pending', 'paused') RETURNING "id", "messageId", "appId", "attempts"`;
const ATTEMPT = `INSERT INTO "Attempt" ("id", "deliveryId", "messageId", "endpointId", "appId", "number", "trigger", "succeeded", "url", "requestHeaders",
    "responseStatus", "responseHeaders", "responseBody", "durationMs", "errorKind", "errorMessage", "createdAt")`;
const pgTime = (p: string) => `(to_timestamp(${p}::float8 / 1000) AT TIME ZONE 'UTC')`;

/** Records the first read of each of these deliveries (later reads change nothing). */
export async function markRead(endpointId: string, deliveryIds: string[], by: ReadBy, at = Date.now()): Promise<void> {
  if (deliveryIds.length === 0) return;
  const body = by.consumerId ? `Read by consumer "${by.consumerId}" (${by.via})` : `Read (${by.via})`;
  const connection = sql();
  type Marked = { id: string; messageId: string; appId: string; attempts: number };
  if (connection.kind === "sqlite") {
    await connection.write((db: SqliteSql) => {
      const marked = db.all<Marked>(
        MARK((p) => p, `(SELECT value FROM json_each($1))`),
        JSON.stringify(deliveryIds),
        at,
      );
      for (const row of marked) {
        db.run(
          `${ATTEMPT} VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', 1, $7, '{}', 200, NULL, $8, 0, NULL, NULL, $9)`,
          newId("attempt"),
          row.id,
          row.messageId,
          endpointId,
          row.appId,
          row.attempts,
          by.url,
          body,
          at,
        );
      }
    });
    return;
  }
  await connection.write(async (db: PostgresSql) => {
    const marked = await db.query<Marked>(MARK(pgTime, `(SELECT unnest($1::text[]))`), [deliveryIds, at]);
    if (marked.length === 0) return;
    await db.query(
      `${ATTEMPT} SELECT a.id, a.delivery, a.message, $1, a.app, a.number, 'scheduled', true, $2, '{}'::jsonb, 200, NULL, $3, 0, NULL, NULL, ${pgTime("$4")}
       FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::int[]) AS a(id, delivery, message, app, number)`,
      [
        endpointId,
        by.url,
        body,
        at,
        marked.map(() => newId("attempt")),
        marked.map((r) => r.id),
        marked.map((r) => r.messageId),
        marked.map((r) => r.appId),
        marked.map((r) => r.attempts),
      ],
    );
  });
}
