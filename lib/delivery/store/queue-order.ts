import { sql } from "@/lib/sql/connection";
import { runSteps, type Steps, step, timeParam } from "@/lib/sql/steps";

// When an endpoint's waiting deliveries fall due, beyond their message's time: a FIFO
// endpoint's one at a time, a batching endpoint's once a batch is full or has waited long
// enough (./batches.ts). Nothing here is a state of its own: a delivery waiting its turn
// is pending with nextAttemptAt null, and these statements give the next one its due time.
//
// FIFO (Endpoint.ordering): only the endpoint's first unfinished delivery, in message
// order, is ever due; the claim never sees the others, so they cannot hold up any other
// endpoint. The next one falls due when the one before succeeded, or ran out of retries
// (fifoOnExhausted skip; halt: an exhausted one stays first until resent or recovered).
// The statement is idempotent: it runs after ingest, after each recorded attempt and, in
// case two writes crossed (PostgreSQL, read committed), every few seconds in each worker.

export interface QueueShape {
  endpointId: string;
  fifo: boolean;
  halt: boolean;
  batchSize: number | null;
  batchWait: number | null;
}

// The first unfinished delivery in message order; each min() is one seek of the
// (endpointId, status, messageId) index.
const FIRST = `(SELECT min("first") FROM (
    SELECT min("messageId") AS "first" FROM "Delivery" WHERE "endpointId" = $1 AND "status" = 'pending'
    UNION ALL SELECT min("messageId") FROM "Delivery" WHERE "endpointId" = $1 AND "status" = 'sending'
    UNION ALL SELECT min("messageId") FROM "Delivery" WHERE "endpointId" = $1 AND "status" = 'exhausted' AND $4 = 1) AS "firsts")`;
// Due now, or when its message is scheduled, or (batching) once its batch has waited long enough.
const DUE = (pg: boolean) =>
  pg
    ? `GREATEST(${timeParam(pg, "$2")}, "createdAt" + ($3::float8 * interval '1 millisecond'), (SELECT "deliverAt" FROM "Message" WHERE "id" = "Delivery"."messageId"))`
    : `max($2, "createdAt" + $3, COALESCE((SELECT "deliverAt" FROM "Message" WHERE "id" = "Delivery"."messageId"), 0))`;
const PROMOTE = (pg: boolean) => `UPDATE "Delivery" SET "nextAttemptAt" = ${DUE(pg)}, "updatedAt" = ${timeParam(pg, "$2")}
  WHERE "endpointId" = $1 AND "status" = 'pending' AND "nextAttemptAt" IS NULL AND "messageId" = ${FIRST}`;

// A full batch goes now: when a batch's worth is waiting and none of them is due yet (one
// that is takes the others with it), the oldest of them falls due.
const FILL = (pg: boolean) => `UPDATE "Delivery" SET "nextAttemptAt" = ${timeParam(pg, "$2")}
  WHERE "id" = (SELECT "id" FROM "Delivery" WHERE "endpointId" = $1 AND "status" = 'pending' AND "batchId" IS NULL
      AND "nextAttemptAt" > ${timeParam(pg, "$2")} AND "nextAttemptAt" <= ${timeParam(pg, "$4")} ORDER BY "messageId" LIMIT 1)
    AND NOT EXISTS (SELECT 1 FROM "Delivery" WHERE "endpointId" = $1 AND "status" = 'pending' AND "batchId" IS NULL AND "nextAttemptAt" <= ${timeParam(pg, "$2")})
    AND (SELECT count(*) FROM (SELECT 1 FROM "Delivery" WHERE "endpointId" = $1 AND "status" = 'pending' AND "batchId" IS NULL
      AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${timeParam(pg, "$4")}) LIMIT $3) AS "waiting") >= $3`;

/** Gives a FIFO endpoint's next delivery its due time, if it has none and it is next. */
export function* promoteNext(pg: boolean, shape: QueueShape, now: number): Steps<void> {
  yield step(PROMOTE(pg), shape.endpointId, now, shape.batchSize ? (shape.batchWait ?? 0) : 0, shape.halt ? 1 : 0);
}

/** When a batch's worth of an endpoint's deliveries is waiting, the oldest falls due now. */
export function* fillBatch(pg: boolean, endpoint: { endpointId: string; batchSize: number | null; batchWait: number | null }, now: number): Steps<void> {
  if (endpoint.batchSize && endpoint.batchSize > 1) yield step(FILL(pg), endpoint.endpointId, now, endpoint.batchSize, now + (endpoint.batchWait ?? 0));
}

/** After new deliveries were stored: a FIFO endpoint's next one falls due, a full batch goes now. */
export function* afterIngest(pg: boolean, shapes: readonly QueueShape[], now: number): Steps<void> {
  for (const shape of shapes) {
    if (shape.fifo) yield* promoteNext(pg, shape, now);
    yield* fillBatch(pg, shape, now);
  }
}

// A batch whose lead no longer waits (a manual attempt finished it) hands its due time to
// the first member still waiting, so the others are not left without one.
const HAND_OVER = (pg: boolean) => `UPDATE "Delivery" SET "nextAttemptAt" = ${timeParam(pg, "$2")}
  WHERE "id" = (SELECT min("id") FROM "Delivery" WHERE "batchId" = $1 AND "status" = 'pending')
    AND NOT EXISTS (SELECT 1 FROM "Delivery" WHERE "batchId" = $1 AND "status" IN ('pending', 'sending') AND "nextAttemptAt" IS NOT NULL)`;

// An endpoint whose ordering or batching changed: its waiting deliveries leave their
// batches and, on a FIFO endpoint, wait their turn (the first one at once); otherwise
// those that waited for a turn or a batch's lead fall due now.
const REARRANGE = (pg: boolean) => `UPDATE "Delivery" SET "batchId" = NULL, "updatedAt" = ${timeParam(pg, "$2")},
    "nextAttemptAt" = CASE WHEN $3 = 1 THEN NULL ELSE COALESCE("nextAttemptAt", ${timeParam(pg, "$2")}) END
  WHERE "endpointId" = $1 AND "status" = 'pending'`;

export async function rearrangeQueue(shape: QueueShape, now: number): Promise<void> {
  await runSteps(function* (pg) {
    yield step(REARRANGE(pg), shape.endpointId, now, shape.fifo ? 1 : 0);
    if (shape.fifo) yield* promoteNext(pg, shape, now);
  });
}

/** After a manual attempt: its batch keeps a lead, its FIFO endpoint's queue moves on. */
export async function afterManualAttempt(shape: QueueShape, batchId: string | null, now: number): Promise<void> {
  if (!batchId && !shape.fifo) return;
  await runSteps(function* (pg) {
    if (batchId) yield step(HAND_OVER(pg), batchId, now);
    if (shape.fifo) yield* promoteNext(pg, shape, now);
  });
}

const SHAPE = `SELECT "id" AS "endpointId", "ordering", "fifoOnExhausted", "batchMaxSize" AS "batchSize", "batchMaxWaitMs" AS "batchWait" FROM "Endpoint"`;

async function fifoEndpoints(where: string, param: string | number | boolean): Promise<QueueShape[]> {
  const connection = sql();
  const text = `${SHAPE} WHERE "ordering" = 'fifo' AND ${where}`;
  const rows = connection.kind === "sqlite" ? connection.all<QueueRow>(text, param === false ? 0 : param) : await connection.query<QueueRow>(text, [param]);
  return rows.map(queueShape);
}

/** The safety net: every FIFO endpoint's next delivery, in case two writes crossed. */
export async function promoteAllFifo(now: number): Promise<void> {
  for (const shape of await fifoEndpoints(`"disabled" = $1`, false)) await runSteps((pg) => promoteNext(pg, shape, now));
}

/** A FIFO endpoint's next delivery, after its deliveries were recovered. */
export async function promoteEndpoint(endpointId: string, now: number): Promise<void> {
  for (const shape of await fifoEndpoints(`"id" = $1`, endpointId)) await runSteps((pg) => promoteNext(pg, shape, now));
}

type QueueRow = { endpointId: string; ordering: string; fifoOnExhausted: string; batchSize: number | null; batchWait: number | null };

/** An endpoint's queue settings, from its row (or its columns under these names). */
export const queueShape = (row: QueueRow): QueueShape => ({
  endpointId: row.endpointId,
  fifo: row.ordering === "fifo",
  halt: row.fifoOnExhausted === "halt",
  batchSize: row.batchSize,
  batchWait: row.batchWait,
});
