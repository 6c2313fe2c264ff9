import type { Message } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { wakeStreams } from "@/lib/polling/stream-wake";
import { wakeWorkersSoon } from "./wake";
import { isUniqueViolation, type SqliteSql, sql } from "@/lib/sql/connection";
import { routeMessage } from "@/lib/messages/route-message";
import { dbNow } from "@/lib/sql/db-clock";
import { runPostgresSteps, runSqliteSteps } from "@/lib/sql/steps";
import { afterIngest, type QueueShape, queueShape } from "./queue-order";

export interface NewMessage {
  /** A given id (the same on every retry of one Idempotency-Key); a new one otherwise. */
  id?: string;
  orgId: string;
  appRef: string;
  eventType: string;
  eventId: string | null;
  payload: string;
  payloadSize: number;
  channels: string[] | null;
  tags: string[] | null;
  /** Scheduled: epoch ms before which nothing is sent (null: now). */
  deliverAt?: number | null;
  /** Deliver to this endpoint of the application only, whatever its filters (an example or test message). */
  onlyEndpointId?: string;
  /** The organization's operational application is addressed (operational webhooks). */
  operational?: boolean;
}

/** What became of one message: stored (with how many deliveries are due now), or why not. */
export type Outcome = { ok: true; message: Message; deliveries: number; polled: boolean } | { ok: false; error: unknown };

interface EndpointRow {
  id: string;
  type: "webhook" | "polling";
  disabled: number | boolean;
  filterTypes: unknown;
  channels: unknown;
  ordering: string;
  fifoOnExhausted: string;
  batchSize: number | null;
  batchWait: number | null;
}

// The ingest hot path in plain SQL: find the application, store each message and one due
// delivery per enabled endpoint that receives it. Prisma would spend several times the
// database's own time on these statements.
const FIND_APP = `SELECT "id" FROM "Application" WHERE "orgId" = $1 AND "operational" = $2 AND ("id" = $3 OR "uid" = $3) LIMIT 1`;
const INSERT_MESSAGE = `INSERT INTO "Message" ("id", "appId", "eventType", "eventId", "payload", "payloadSize", "channels", "tags", "createdAt", "deliverAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
// Disabled endpoints get their deliveries too, paused: nothing is sent until they are
// enabled again and the messages recovered.
// A polling endpoint's deliveries wait for its consumers (lib/polling): pending, never due.
// A FIFO endpoint's deliveries wait their turn, a batching endpoint's for their batch (queue-order.ts).
const QUEUE = `"ordering", "fifoOnExhausted", "batchMaxSize" AS "batchSize", "batchMaxWaitMs" AS "batchWait"`;
const ENDPOINTS = `SELECT "id", "type", "disabled", "filterTypes", "channels", ${QUEUE} FROM "Endpoint" WHERE "appId" = $1`;
const INSERT_DELIVERY = `INSERT INTO "Delivery" ("id", "messageId", "endpointId", "appId", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $6, 0, $5, $7, $7)`;

// PostgreSQL: two round trips and one implicit transaction for any number of messages of
// one application. The application and its endpoints are read first; then a single
// statement stores the messages (a duplicate id or eventId is skipped, not an error) and
// the deliveries of those stored.
const PG = {
  APP_ENDPOINTS: `WITH app AS (SELECT "id" FROM "Application" WHERE "orgId" = $1 AND "operational" = ($2::int = 1) AND ("id" = $3 OR "uid" = $3) LIMIT 1)
    SELECT app."id" AS "appId", e."id", e."type", e."disabled", e."filterTypes", e."channels", e."ordering", e."fifoOnExhausted",
      e."batchMaxSize" AS "batchSize", e."batchMaxWaitMs" AS "batchWait" FROM app LEFT JOIN "Endpoint" e ON e."appId" = app."id"`,
  INSERT: `WITH m AS (
      INSERT INTO "Message" ("id", "appId", "eventType", "eventId", "payload", "payloadSize", "channels", "tags", "createdAt", "deliverAt")
      SELECT i.id, $1, i."eventType", i."eventId", i.payload, i.size, i.channels::jsonb, i.tags::jsonb, to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC',
        to_timestamp(i."deliverAt" / 1000) AT TIME ZONE 'UTC'
      FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $15::float8[])
        AS i(id, "eventType", "eventId", payload, size, channels, tags, "deliverAt")
      ON CONFLICT DO NOTHING
      RETURNING "id", "createdAt", "deliverAt"),
    d AS (
      INSERT INTO "Delivery" ("id", "messageId", "endpointId", "appId", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
      SELECT t.id, m."id", t.endpoint, $1, t.status::"DeliveryStatus", 0,
        CASE WHEN t.status = 'pending' AND t.due THEN GREATEST(m."createdAt", m."deliverAt") + t.hold * interval '1 millisecond' END, m."createdAt", m."createdAt"
      FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[], $16::float8[]) AS t(id, message, endpoint, status, due, hold)
        JOIN m ON m."id" = t.message
      RETURNING 1)
    SELECT coalesce((SELECT array_agg("id") FROM m), '{}') AS "stored"`,
};
// An endpoint deleted between the two statements fails the insert's foreign key: read again.
const isForeignKeyViolation = (error: unknown) => (error as { code?: string }).code === "23503";
/** A message not stored because its id or eventId exists: what a unique violation would have said. */
const duplicate = () => Object.assign(new Error("duplicate message"), { code: "23505" });

// SQLite: JSON stays text; booleans are 0/1; timestamps are epoch milliseconds.
const parseJson = (value: unknown) => (typeof value === "string" ? (JSON.parse(value) as unknown) : value);
const json = (value: string[] | null) => (value === null ? null : JSON.stringify(value));

function conflict(input: NewMessage) {
  return new AppError(
    "conflict",
    input.eventId ? `A message with eventId "${input.eventId}" already exists in this application` : `A message with id "${input.id}" already exists`,
  );
}

interface Target {
  id: string;
  endpointId: string;
  status: "pending" | "paused";
  /** False for a polling endpoint's (its consumers read it; no worker sends it) and a FIFO endpoint's (it waits its turn). */
  due: boolean;
  /** How long after its message's time it falls due: a batching endpoint's waits for its batch to fill. */
  holdMs: number;
  /** A polling endpoint's. */
  polled: boolean;
}

/** The deliveries a message gets: one per endpoint that receives it (paused where the endpoint is disabled). */
function targetsOf(input: NewMessage, endpoints: EndpointRow[]): Target[] {
  const targets = input.onlyEndpointId
    ? [{ id: input.onlyEndpointId, paused: false }]
    : routeMessage(
        endpoints.map((e) => ({
          id: e.id,
          polling: e.type === "polling",
          disabled: false,
          paused: Boolean(e.disabled),
          filterTypes: parseJson(e.filterTypes),
          channels: parseJson(e.channels),
        })),
        { eventType: input.eventType, channels: input.channels },
      );
  const rows = new Map(endpoints.map((e) => [e.id, e]));
  return targets.map((endpoint) => {
    const row = rows.get(endpoint.id);
    return {
      id: newId("delivery"),
      endpointId: endpoint.id,
      status: endpoint.paused ? "paused" : "pending",
      due: row?.type !== "polling" && row?.ordering !== "fifo",
      holdMs: row?.batchSize ? (row.batchWait ?? 0) : 0,
      polled: row?.type === "polling",
    };
  });
}

// A FIFO endpoint's delivery is due once it is next (afterIngest); the workers look then.
const dueCount = (targets: Target[]) => targets.filter((t) => t.status === "pending" && !t.polled).length;
const pollable = (targets: Target[]) => targets.some((t) => t.polled);

/** The FIFO and batching endpoints these deliveries went to: their queues may move (queue-order.ts). */
function queuesOf(targets: Target[], endpoints: EndpointRow[]): QueueShape[] {
  const touched = new Set(targets.filter((t) => t.status === "pending").map((t) => t.endpointId));
  return endpoints
    .filter((e) => touched.has(e.id) && (e.ordering === "fifo" || e.batchSize))
    .map((e) => queueShape({ endpointId: e.id, ordering: e.ordering, fifoOnExhausted: e.fifoOnExhausted, batchSize: e.batchSize, batchWait: e.batchWait }));
}

function storedMessage(input: NewMessage, id: string, appId: string, now: number): Message {
  return {
    id,
    appId,
    eventType: input.eventType,
    eventId: input.eventId,
    payload: input.payload,
    payloadSize: input.payloadSize,
    channels: input.channels,
    tags: input.tags,
    createdAt: new Date(now),
    deliverAt: input.deliverAt ? new Date(input.deliverAt) : null,
  };
}

/** A duplicate's unique violation, as the sender should read it; any other error as it is. */
function explain(input: NewMessage, error: unknown): unknown {
  return isUniqueViolation(error) ? conflict(input) : error;
}

// ── Group commit ──────────────────────────────────────────────────────────────────────
// Messages that arrive in one turn of the event loop are stored together. On SQLite they
// are one write (the connection would already commit the writes of one turn together,
// lib/sql/connection.ts, but one write reads each application and its endpoints once and
// needs no savepoint per message: measured, a quarter more messages a second). On
// PostgreSQL each application's messages are one statement (storeOnPostgres): one commit,
// one WAL flush and two round trips for all of them instead of for each. One message's
// failure (an unknown application, a duplicate) is its own; an error of the database
// (unreachable, full, busy past the deadline) fails every message stored with it.

interface Waiting {
  items: NewMessage[];
  resolve: (outcomes: Outcome[]) => void;
  reject: (error: unknown) => void;
}

/** Messages per transaction at most: a larger group waits for the next write. */
const GROUP_LIMIT = 2_000;
let waiting: Waiting[] = [];
let scheduled = false;

function storeInGroup(items: NewMessage[]): Promise<Outcome[]> {
  return new Promise((resolve, reject) => {
    waiting.push({ items, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setImmediate(writeGroup);
    }
  });
}

function writeGroup(): void {
  scheduled = false;
  let size = 0;
  let taken = 0;
  while (taken < waiting.length && (taken === 0 || size + waiting[taken]!.items.length <= GROUP_LIMIT)) size += waiting[taken++]!.items.length;
  const group = waiting.slice(0, taken);
  waiting = waiting.slice(taken);
  if (waiting.length > 0) {
    scheduled = true;
    setImmediate(writeGroup);
  }
  const connection = sql();
  if (connection.kind === "postgres") {
    const byApp = new Map<string, Waiting[]>();
    for (const entry of group) {
      const key = appKeyOf(entry.items[0]!);
      byApp.set(key, [...(byApp.get(key) ?? []), entry]);
    }
    for (const entries of byApp.values()) {
      storeOnPostgres(entries.flatMap((entry) => entry.items)).then(
        (outcomes) => {
          let at = 0;
          for (const entry of entries) entry.resolve(outcomes.slice(at, (at += entry.items.length)));
        },
        (error: unknown) => entries.forEach((entry) => entry.reject(error)),
      );
    }
    return;
  }
  connection
    .write((db) => {
      const now = dbNow();
      const apps = new Map<string, { id: string; endpoints: EndpointRow[] } | null>();
      const queues = new Map<string, QueueShape>();
      const outcomes = group.map((entry) => entry.items.map((item) => storeOne(db, item, now, apps, queues)));
      runSqliteSteps(db, afterIngest(false, [...queues.values()], now));
      return outcomes;
    })
    .then(
      (outcomes) => group.forEach((entry, i) => entry.resolve(outcomes[i]!)),
      (error: unknown) => group.forEach((entry) => entry.reject(error)),
    );
}

const appKeyOf = (input: NewMessage) => `${input.orgId}\n${input.operational ? 1 : 0}\n${input.appRef}`;

function storeOne(
  db: SqliteSql,
  input: NewMessage,
  now: number,
  apps: Map<string, { id: string; endpoints: EndpointRow[] } | null>,
  queues: Map<string, QueueShape>,
): Outcome {
  const appKey = appKeyOf(input);
  let app = apps.get(appKey);
  if (app === undefined) {
    const found = db.get<{ id: string }>(FIND_APP, input.orgId, input.operational ? 1 : 0, input.appRef);
    app = found ? { id: found.id, endpoints: db.all<EndpointRow>(ENDPOINTS, found.id) } : null;
    apps.set(appKey, app);
  }
  if (!app) return { ok: false, error: notFound("Application") };
  const id = input.id ?? newId("message");
  try {
    // The message first: a duplicate fails here, before anything of it is written.
    db.run(
      INSERT_MESSAGE,
      id,
      app.id,
      input.eventType,
      input.eventId,
      input.payload,
      input.payloadSize,
      json(input.channels),
      json(input.tags),
      now,
      input.deliverAt ?? null,
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: explain(input, error) };
    throw error;
  }
  const targets = targetsOf(input, app.endpoints);
  const due = Math.max(now, input.deliverAt ?? now);
  for (const t of targets) db.run(INSERT_DELIVERY, t.id, id, t.endpointId, app.id, t.status === "pending" && t.due ? due + t.holdMs : null, t.status, now);
  for (const queue of queuesOf(targets, app.endpoints)) queues.set(queue.endpointId, queue);
  return { ok: true, message: storedMessage(input, id, app.id, now), deliveries: dueCount(targets), polled: pollable(targets) };
}

// ── PostgreSQL ────────────────────────────────────────────────────────────────────────

async function storeOnPostgres(items: NewMessage[]): Promise<Outcome[]> {
  const connection = sql();
  if (connection.kind !== "postgres") throw new Error("not PostgreSQL");
  const first = items[0]!;
  if (items.some((item) => item.orgId !== first.orgId || item.appRef !== first.appRef || item.operational !== first.operational)) {
    throw new Error("messages stored together must be for one application");
  }
  const now = dbNow();
  const ids = items.map((item) => item.id ?? newId("message"));
  for (let attempt = 1; ; attempt++) {
    const rows = await connection.query<EndpointRow & { appId: string }>(PG.APP_ENDPOINTS, [first.orgId, first.operational ? 1 : 0, first.appRef]);
    if (rows.length === 0) return items.map(() => ({ ok: false, error: notFound("Application") }));
    const appId = rows[0]!.appId;
    const endpoints = rows.filter((row) => row.id !== null);
    const targets = items.map((item) => targetsOf(item, endpoints));
    const deliveries = targets.flatMap((list, i) => list.map((t) => ({ ...t, messageId: ids[i]! })));
    try {
      const [result] = await connection.query<{ stored: string[] }>(PG.INSERT, [
        appId,
        now,
        ids,
        items.map((item) => item.eventType),
        items.map((item) => item.eventId),
        items.map((item) => item.payload),
        items.map((item) => item.payloadSize),
        items.map((item) => json(item.channels)),
        items.map((item) => json(item.tags)),
        deliveries.map((t) => t.id),
        deliveries.map((t) => t.messageId),
        deliveries.map((t) => t.endpointId),
        deliveries.map((t) => t.status),
        deliveries.map((t) => t.due),
        items.map((item) => item.deliverAt ?? null),
        deliveries.map((t) => t.holdMs),
      ]);
      // The queues of FIFO and batching endpoints move after the commit (an idempotent write; the workers also look every few seconds).
      const queues = queuesOf(targets.flat(), endpoints);
      if (queues.length > 0) await connection.write((db) => runPostgresSteps(db, afterIngest(true, queues, now)));
      const stored = new Set(result!.stored);
      return items.map((item, i) =>
        stored.has(ids[i]!)
          ? { ok: true, message: storedMessage(item, ids[i]!, appId, now), deliveries: dueCount(targets[i]!), polled: pollable(targets[i]!) }
          : { ok: false, error: explain(item, duplicate()) },
      );
    } catch (error) {
      if (!isForeignKeyViolation(error) || attempt >= 3) throw error;
    }
  }
}

/**
 * Stores messages and their deliveries, each message with its own outcome, and wakes the
 * workers when some are due. The messages of one call must be for one application. A message whose id exists (an Idempotency-Key's retry)
 * fails with the unique violation, one whose eventId exists with a 409 conflict.
 */
export async function insertMessages(items: NewMessage[]): Promise<Outcome[]> {
  if (items.length === 0) return [];
  const outcomes = await storeInGroup(items);
  if (outcomes.some((outcome) => outcome.ok && outcome.deliveries > 0)) wakeWorkersSoon();
  if (outcomes.some((outcome) => outcome.ok && outcome.polled)) wakeStreams();
  return outcomes;
}

/** Stores one message and its deliveries; returns the message and how many deliveries are due now. */
export async function insertMessage(input: NewMessage): Promise<{ message: Message; deliveries: number }> {
  const [outcome] = await insertMessages([input]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!;
}
