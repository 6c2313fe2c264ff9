import type { Message } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { WORK_CHANNEL } from "@/lib/delivery/wake-worker";
import { isUniqueViolation, type SqlValue, sql } from "@/lib/sql/connection";
import { routeMessage } from "./route-message";

export interface NewMessage {
  orgId: string;
  appRef: string;
  eventType: string;
  eventId: string | null;
  payload: string;
  payloadSize: number;
  channels: string[] | null;
  tags: string[] | null;
  /** Deliver to this endpoint of the application only, whatever its filters (an example or test message). */
  onlyEndpointId?: string;
  /** The organization's operational application is addressed (operational webhooks). */
  operational?: boolean;
}

interface EndpointRow {
  id: string;
  disabled: number | boolean;
  filterTypes: unknown;
  channels: unknown;
}

// The ingest hot path in plain SQL: find the application, store the message and one due
// delivery per enabled endpoint that receives it, in one transaction. Prisma would spend
// several times the database's own time on these statements.
const FIND_APP = `SELECT "id" FROM "Application" WHERE "orgId" = $1 AND "operational" = $2 AND ("id" = $3 OR "uid" = $3) LIMIT 1`;
const INSERT_MESSAGE = `INSERT INTO "Message" ("id", "appId", "eventType", "eventId", "payload", "payloadSize", "channels", "tags", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
// Disabled endpoints get their deliveries too, paused: nothing is sent until they are
// enabled again and the messages recovered.
const ENDPOINTS = `SELECT "id", "disabled", "filterTypes", "channels" FROM "Endpoint" WHERE "appId" = $1`;
const INSERT_DELIVERY = `INSERT INTO "Delivery" ("id", "messageId", "endpointId", "appId", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $6, 0, $5, $7, $7)`;

// PostgreSQL spelling: typed JSON, booleans and epoch-millisecond timestamps.
const PG = {
  FIND_APP: FIND_APP.replace(`"operational" = $2`, `"operational" = ($2::int = 1)`),
  INSERT_MESSAGE: INSERT_MESSAGE.replace("$7, $8, $9", "$7::jsonb, $8::jsonb, to_timestamp($9::float8 / 1000) AT TIME ZONE 'UTC'"),
  // One statement for all of a message's deliveries.
  INSERT_DELIVERIES: `INSERT INTO "Delivery" ("id", "messageId", "endpointId", "appId", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT d.id, $2, d.endpoint, $3, d.status::"DeliveryStatus", 0, CASE WHEN d.status = 'pending' THEN t END, t, t
    FROM unnest($1::text[], $4::text[], $6::text[]) AS d(id, endpoint, status), (SELECT to_timestamp($5::float8 / 1000) AT TIME ZONE 'UTC' AS t) AS now`,
};

// SQLite: JSON stays text; booleans are 0/1; timestamps are epoch milliseconds.
const parseJson = (value: unknown) => (typeof value === "string" ? (JSON.parse(value) as unknown) : value);

function conflict(eventId: string | null) {
  return new AppError("conflict", `A message with eventId "${eventId}" already exists in this application`);
}

/** Stores the message and its deliveries; returns the message and how many deliveries are due now. */
export async function insertMessage(input: NewMessage): Promise<{ message: Message; deliveries: number }> {
  const connection = sql();
  const now = Date.now();
  const messageId = newId("message");
  const json = (value: string[] | null) => (value === null ? null : JSON.stringify(value));
  const targetsOf = (appId: string, endpoints: EndpointRow[]) => {
    const targets = input.onlyEndpointId
      ? [{ id: input.onlyEndpointId, disabled: false }]
      : routeMessage(
          endpoints.map((e) => ({ id: e.id, disabled: false, paused: Boolean(e.disabled), filterTypes: parseJson(e.filterTypes), channels: parseJson(e.channels) })),
          { eventType: input.eventType, channels: input.channels },
        ).map((e) => ({ id: e.id, disabled: e.paused }));
    return targets.map((endpoint) => ({ id: newId("delivery"), endpointId: endpoint.id, appId, status: endpoint.disabled ? ("paused" as const) : ("pending" as const) }));
  };
  let appId: string;
  let deliveries: number;
  const due = (targets: { status: string }[]) => targets.filter((t) => t.status === "pending").length;
  try {
    if (connection.kind === "sqlite") {
      ({ appId, deliveries } = await connection.write((db) => {
        const app = db.get<{ id: string }>(FIND_APP, input.orgId, input.operational ? 1 : 0, input.appRef);
        if (!app) throw notFound("Application");
        const values: SqlValue[] = [messageId, app.id, input.eventType, input.eventId, input.payload, input.payloadSize, json(input.channels), json(input.tags), now];
        db.run(INSERT_MESSAGE, ...values);
        const targets = targetsOf(app.id, input.onlyEndpointId ? [] : db.all<EndpointRow>(ENDPOINTS, app.id));
        for (const t of targets) db.run(INSERT_DELIVERY, t.id, messageId, t.endpointId, app.id, t.status === "pending" ? now : null, t.status, now);
        return { appId: app.id, deliveries: due(targets) };
      }));
    } else {
      ({ appId, deliveries } = await connection.write(async (db) => {
        const [app] = await db.query<{ id: string }>(PG.FIND_APP, [input.orgId, input.operational ? 1 : 0, input.appRef]);
        if (!app) throw notFound("Application");
        await db.query(PG.INSERT_MESSAGE, [messageId, app.id, input.eventType, input.eventId, input.payload, input.payloadSize, json(input.channels), json(input.tags), now]);
        const targets = targetsOf(app.id, input.onlyEndpointId ? [] : await db.query<EndpointRow>(ENDPOINTS, [app.id]));
        if (targets.length > 0) {
          await db.query(PG.INSERT_DELIVERIES, [targets.map((t) => t.id), messageId, app.id, targets.map((t) => t.endpointId), now, targets.map((t) => t.status)]);
        }
        if (due(targets) > 0) {
          // Delivered on commit to every listening worker process.
          await db.query(`SELECT pg_notify('${WORK_CHANNEL}', '')`, []);
        }
        return { appId: app.id, deliveries: due(targets) };
      }));
    }
  } catch (error) {
    if (input.eventId && isUniqueViolation(error)) throw conflict(input.eventId);
    throw error;
  }
  const message: Message = {
    id: messageId,
    appId,
    eventType: input.eventType,
    eventId: input.eventId,
    payload: input.payload,
    payloadSize: input.payloadSize,
    channels: input.channels,
    tags: input.tags,
    createdAt: new Date(now),
  };
  return { message, deliveries };
}
