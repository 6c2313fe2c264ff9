import type { Message } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { WORK_CHANNEL } from "./wake";
import { isUniqueViolation, type SqlValue, sql } from "@/lib/sql/connection";
import { routeMessage } from "@/lib/messages/route-message";
import { dbNow } from "@/lib/sql/db-clock";

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

// PostgreSQL: two round trips and one implicit transaction. The application and its
// endpoints are read first; then a single statement stores the message and its
// deliveries and (when some are due) notifies the workers on commit.
const PG = {
  APP_ENDPOINTS: `WITH app AS (SELECT "id" FROM "Application" WHERE "orgId" = $1 AND "operational" = ($2::int = 1) AND ("id" = $3 OR "uid" = $3) LIMIT 1)
    SELECT app."id" AS "appId", e."id", e."disabled", e."filterTypes", e."channels" FROM app LEFT JOIN "Endpoint" e ON e."appId" = app."id"`,
  INSERT: (notify: boolean) => `WITH m AS (
      INSERT INTO "Message" ("id", "appId", "eventType", "eventId", "payload", "payloadSize", "channels", "tags", "createdAt")
      VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, to_timestamp($9::float8 / 1000) AT TIME ZONE 'UTC') RETURNING "id", "createdAt"),
    d AS (
      INSERT INTO "Delivery" ("id", "messageId", "endpointId", "appId", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
      SELECT t.id, m."id", t.endpoint, $2, t.status::"DeliveryStatus", 0, CASE WHEN t.status = 'pending' THEN m."createdAt" END, m."createdAt", m."createdAt"
      FROM unnest($10::text[], $11::text[], $12::text[]) AS t(id, endpoint, status), m
      RETURNING 1)
    SELECT (SELECT count(*) FROM d)::int AS "deliveries"${notify ? `, pg_notify('${WORK_CHANNEL}', '') AS "notified"` : ""}`,
};
// An endpoint deleted between the two statements fails the insert's foreign key: read again.
const isForeignKeyViolation = (error: unknown) => (error as { code?: string }).code === "23503";

// SQLite: JSON stays text; booleans are 0/1; timestamps are epoch milliseconds.
const parseJson = (value: unknown) => (typeof value === "string" ? (JSON.parse(value) as unknown) : value);

function conflict(eventId: string | null) {
  return new AppError("conflict", `A message with eventId "${eventId}" already exists in this application`);
}

/** Stores the message and its deliveries; returns the message and how many deliveries are due now. */
export async function insertMessage(input: NewMessage): Promise<{ message: Message; deliveries: number }> {
  const connection = sql();
  const now = dbNow();
  const messageId = input.id ?? newId("message");
  const json = (value: string[] | null) => (value === null ? null : JSON.stringify(value));
  const targetsOf = (appId: string, endpoints: EndpointRow[]) => {
    const targets = input.onlyEndpointId
      ? [{ id: input.onlyEndpointId, disabled: false }]
      : routeMessage(
          endpoints.map((e) => ({
            id: e.id,
            disabled: false,
            paused: Boolean(e.disabled),
            filterTypes: parseJson(e.filterTypes),
            channels: parseJson(e.channels),
          })),
          { eventType: input.eventType, channels: input.channels },
        ).map((e) => ({ id: e.id, disabled: e.paused }));
    return targets.map((endpoint) => ({
      id: newId("delivery"),
      endpointId: endpoint.id,
      appId,
      status: endpoint.disabled ? ("paused" as const) : ("pending" as const),
    }));
  };
  let appId: string;
  let deliveries: number;
  const due = (targets: { status: string }[]) => targets.filter((t) => t.status === "pending").length;
  try {
    if (connection.kind === "sqlite") {
      ({ appId, deliveries } = await connection.write((db) => {
        const app = db.get<{ id: string }>(FIND_APP, input.orgId, input.operational ? 1 : 0, input.appRef);
        if (!app) throw notFound("Application");
        const values: SqlValue[] = [
          messageId,
          app.id,
          input.eventType,
          input.eventId,
          input.payload,
          input.payloadSize,
          json(input.channels),
          json(input.tags),
          now,
        ];
        db.run(INSERT_MESSAGE, ...values);
        const targets = targetsOf(app.id, input.onlyEndpointId ? [] : db.all<EndpointRow>(ENDPOINTS, app.id));
        for (const t of targets) db.run(INSERT_DELIVERY, t.id, messageId, t.endpointId, app.id, t.status === "pending" ? now : null, t.status, now);
        return { appId: app.id, deliveries: due(targets) };
      }));
    } else {
      for (let attempt = 1; ; attempt++) {
        const rows = await connection.query<EndpointRow & { appId: string }>(PG.APP_ENDPOINTS, [input.orgId, input.operational ? 1 : 0, input.appRef]);
        if (rows.length === 0) throw notFound("Application");
        appId = rows[0]!.appId;
        const targets = targetsOf(appId, input.onlyEndpointId ? [] : rows.filter((row) => row.id !== null));
        deliveries = due(targets);
        try {
          await connection.query(PG.INSERT(deliveries > 0), [
            messageId,
            appId,
            input.eventType,
            input.eventId,
            input.payload,
            input.payloadSize,
            json(input.channels),
            json(input.tags),
            now,
            targets.map((t) => t.id),
            targets.map((t) => t.endpointId),
            targets.map((t) => t.status),
          ]);
          break;
        } catch (error) {
          if (!isForeignKeyViolation(error) || attempt >= 3) throw error;
        }
      }
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
