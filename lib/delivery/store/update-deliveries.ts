import { idAtTime, newId } from "@/lib/ids";
import { type Sql, sql } from "@/lib/sql/connection";
import { FROM } from "../delivery-state";

// Every change of deliveries that is not an attempt (those are in ./record-attempts.ts):
// each statement carries out one transition of ../delivery-state.ts for a set of rows,
// selecting them by its rules. SQLite and PostgreSQL side by side: SQLite takes epoch
// milliseconds and JSON arrays, PostgreSQL timestamp(3) and arrays.

const pgTime = (p: string) => `(to_timestamp(${p}::float8 / 1000) AT TIME ZONE 'UTC')`;
const time = (connection: Sql, p: string) => (connection.kind === "sqlite" ? p : pgTime(p));
const ids = (connection: Sql, p: string) => (connection.kind === "sqlite" ? `(SELECT value FROM json_each(${p}))` : `(SELECT unnest(${p}::text[]))`);
const list = (connection: Sql, values: string[]) => (connection.kind === "sqlite" ? JSON.stringify(values) : values);
const statuses = (values: readonly string[]) => values.map((status) => `'${status}'`).join(", ");

/** Runs one statement in its own transaction; returns the rows it returned. */
async function run<T>(statement: (connection: Sql) => string, params: (connection: Sql) => (string | number | null | string[])[]): Promise<T[]> {
  const connection = sql();
  const text = statement(connection);
  return connection.kind === "sqlite" ? connection.write((db) => db.all<T>(text, ...params(connection))) : connection.query<T>(text, params(connection));
}

/** endpoint_disabled, at claim time: claimed deliveries of a disabled endpoint wait, paused, under this claim's lease. */
export async function pauseClaimed(deliveryIds: string[], leaseToken: string, at: number): Promise<number> {
  if (deliveryIds.length === 0) return 0;
  const rows = await run<{ id: string }>(
    (c) => `UPDATE "Delivery" SET "status" = 'paused', "nextAttemptAt" = NULL, "leaseToken" = NULL, "updatedAt" = ${time(c, "$3")}
      WHERE "id" IN ${ids(c, "$1")} AND "leaseToken" = $2 RETURNING "id"`,
    (c) => [list(c, deliveryIds), leaseToken, at],
  );
  return rows.length;
}

/** throttled: claimed deliveries over their endpoint's rate get a later turn (not an attempt); a batch's members (until null) wait on its lead. */
export async function deferClaimed(turns: { id: string; until: number | null }[], leaseToken: string, at: number): Promise<void> {
  for (const { id, until } of turns) {
    await run(
      (c) => `UPDATE "Delivery" SET "status" = 'pending', "nextAttemptAt" = ${time(c, "$3")}, "leaseToken" = NULL, "updatedAt" = ${time(c, "$4")}
        WHERE "id" = $1 AND "leaseToken" = $2 RETURNING "id"`,
      () => [id, leaseToken, until, at],
    );
  }
}

/**
 * endpoint_disabled: an endpoint's waiting deliveries are paused (kept, to be recovered).
 * Those under a worker's lease are left to it: it pauses them when it next claims them.
 */
export async function pauseEndpointDeliveries(endpointId: string, at: number): Promise<number> {
  const rows = await run<{ id: string }>(
    (c) => `UPDATE "Delivery" SET "status" = 'paused', "nextAttemptAt" = NULL, "updatedAt" = ${time(c, "$2")}
      WHERE "endpointId" = $1 AND "status" = 'pending' RETURNING "id"`,
    () => [endpointId, at],
  );
  return rows.length;
}

// recovered: failed deliveries (exhausted, paused) and those waiting for a retry after a
// failed attempt; never one not yet tried. The window is a message id range within each
// state of the (endpointId, status, messageId) index.
const RECOVERABLE = `("status" IN (${statuses(FROM.recovered.filter((s) => s !== "pending"))}) OR ("status" = 'pending' AND "attempts" > 0))`;
const WINDOW = `"endpointId" = $1 AND "messageId" >= $2 AND "messageId" <= $3`;
const windowParams = (endpointId: string, since: Date, until: Date) => [
  endpointId,
  idAtTime("message", since.getTime(), "start"),
  idAtTime("message", until.getTime(), "end"),
];

/** How many of an endpoint's deliveries of messages from `since` to `until` recover would send again. */
export async function countRecoverable(endpointId: string, since: Date, until: Date): Promise<number> {
  const [row] = await run<{ count: number | string }>(
    () => `SELECT count(*) AS "count" FROM "Delivery" WHERE ${WINDOW} AND ${RECOVERABLE}`,
    () => windowParams(endpointId, since, until),
  );
  return Number(row?.count ?? 0);
}

/**
 * recovered, one batch: the next `limit` recoverable deliveries after message id `after`
 * (one delivery per message and endpoint), due now; returns the last message id and how many changed.
 */
export async function requeueRecoverable(
  endpointId: string,
  since: Date,
  until: Date,
  after: string,
  limit: number,
  at: number,
): Promise<{ last: string | null; requeued: number }> {
  const batch = await run<{ id: string; messageId: string }>(
    () => `SELECT "id", "messageId" FROM "Delivery" WHERE ${WINDOW} AND ${RECOVERABLE} AND "messageId" > $4 ORDER BY "messageId" LIMIT ${Math.floor(limit)}`,
    () => [...windowParams(endpointId, since, until), after],
  );
  if (batch.length === 0) return { last: null, requeued: 0 };
  const requeued = await requeueDeliveries(
    batch.map((row) => row.id),
    at,
  );
  return { last: batch.at(-1)!.messageId, requeued: requeued.length };
}

/**
 * recovered, for deliveries chosen by id (recover's batches, the message log's bulk retry):
 * those still recoverable are due now; returns the ids changed. The rules again: a row a
 * worker claimed meanwhile (sending) is left to it. A recovered delivery leaves its batch
 * (it goes in a new one, or alone); on a FIFO endpoint it waits its turn (the caller moves
 * the queue on: queue-order.ts).
 */
export async function requeueDeliveries(deliveryIds: string[], at: number): Promise<string[]> {
  if (deliveryIds.length === 0) return [];
  const changed = await run<{ id: string }>(
    (c) => `UPDATE "Delivery" SET "status" = 'pending', "leaseToken" = NULL, "batchId" = NULL, "updatedAt" = ${time(c, "$2")},
        "nextAttemptAt" = CASE WHEN (SELECT "ordering" FROM "Endpoint" WHERE "id" = "Delivery"."endpointId") = 'fifo' THEN NULL ELSE ${time(c, "$2")} END
      WHERE "id" IN ${ids(c, "$1")} AND ${RECOVERABLE} RETURNING "id"`,
    (c) => [list(c, deliveryIds), at],
  );
  return changed.map((row) => row.id);
}

/** The message's delivery to the endpoint, made (pending, unscheduled) if it never had one, e.g. for an endpoint added later. */
export async function ensureDelivery(message: { id: string; appId: string }, endpointId: string, at: number): Promise<string> {
  await run(
    (c) => `INSERT INTO "Delivery" ("id", "messageId", "endpointId", "appId", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
      VALUES ($1, $2, $3, $4, 'pending', 0, NULL, ${time(c, "$5")}, ${time(c, "$5")}) ON CONFLICT ("messageId", "endpointId") DO NOTHING RETURNING "id"`,
    () => [newId("delivery"), message.id, endpointId, message.appId, at],
  );
  const [row] = await run<{ id: string }>(
    () => `SELECT "id" FROM "Delivery" WHERE "messageId" = $1 AND "endpointId" = $2`,
    () => [message.id, endpointId],
  );
  return row!.id;
}

/** Retention: clears the answers (bodies, headers) of up to `limit` of an endpoint's attempts between two ids; returns their ids. */
export async function clearAttemptAnswers(endpointId: string, after: string, before: string, limit: number): Promise<{ id: string }[]> {
  return run<{ id: string }>(
    () => `UPDATE "Attempt" SET "responseBody" = NULL, "responseHeaders" = NULL WHERE "id" IN (
        SELECT "id" FROM "Attempt" WHERE "endpointId" = $1 AND "id" > $2 AND "id" < $3
          AND ("responseBody" IS NOT NULL OR "responseHeaders" IS NOT NULL) ORDER BY "id" LIMIT ${Math.floor(limit)})
      RETURNING "id"`,
    () => [endpointId, after, before],
  );
}
