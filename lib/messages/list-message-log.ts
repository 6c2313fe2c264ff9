import { z } from "zod";
import { listParam } from "@/lib/attempts/schemas";
import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { db, type Prisma } from "@/lib/db";
import { findEndpoint } from "@/lib/endpoints/find-endpoint";
import { ZEventTypeName } from "@/lib/endpoints/schemas";
import { fromZodError } from "@/lib/errors";
import { assertIteratorOf, keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";
import { idRangeWithin } from "@/lib/ids";
import { ZIsoTime } from "./schemas";

// The console's message log: messages newest first, each with its deliveries' state.

export const LOG_STATUSES = ["succeeded", "failing", "pending", "exhausted"] as const;

export const ZMessageLogQuery = z
  .object({
    status: z.enum(LOG_STATUSES, { message: `must be one of ${LOG_STATUSES.join(", ")}` }).optional(),
    eventTypes: z.array(ZEventTypeName).max(100).optional(),
    endpointId: z.string().min(1).max(256).optional(),
    before: ZIsoTime.optional(),
    after: ZIsoTime.optional(),
    q: z.string().trim().min(1).max(256).optional(),
  })
  .refine((q) => !(q.before instanceof Date) || !(q.after instanceof Date) || q.after < q.before, { message: "must be earlier than before", path: ["after"] });
export type MessageLogQuery = z.output<typeof ZMessageLogQuery>;

export function parseMessageLogQuery(url: URL): MessageLogQuery {
  const q = url.searchParams;
  const result = ZMessageLogQuery.safeParse({
    status: q.get("status") || undefined,
    eventTypes: listParam(url, "event_type"),
    endpointId: q.get("endpoint_id") || undefined,
    before: q.get("before") || undefined,
    after: q.get("after") || undefined,
    q: q.get("q") || undefined,
  });
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}

const UNFINISHED = ["pending", "sending"] as const;
const NOT_SUCCEEDED = ["pending", "sending", "exhausted", "paused"] as const;

/**
 * The message filter for a log status, on the message's deliveries (to one endpoint when
 * given): succeeded = all delivered; failing = a delivery retrying after a failure;
 * pending = a delivery not tried yet; exhausted = a delivery that gave up (or is paused).
 */
function statusWhere(status: MessageLogQuery["status"], scope: Prisma.DeliveryWhereInput): Prisma.MessageWhereInput {
  switch (status) {
    case "succeeded":
      return { deliveries: { some: { ...scope, status: "succeeded" }, none: { ...scope, status: { in: [...NOT_SUCCEEDED] } } } };
    case "failing":
      return { deliveries: { some: { ...scope, status: { in: [...UNFINISHED] }, attempts: { gt: 0 } } } };
    case "pending":
      return { deliveries: { some: { ...scope, status: { in: [...UNFINISHED] }, attempts: 0 } } };
    case "exhausted":
      return { deliveries: { some: { ...scope, status: { in: ["exhausted", "paused"] } } } };
    default:
      return scope.endpointId ? { deliveries: { some: scope } } : {};
  }
}

export async function listMessageLog(auth: AuthContext, appRef: string, params: ListParams, query: MessageLogQuery) {
  assertIteratorOf(params, "message");
  const app = await findApplication(auth, appRef);
  const scope: Prisma.DeliveryWhereInput = { appId: app.id };
  if (query.endpointId) scope.endpointId = (await findEndpoint(auth, app.id, query.endpointId)).endpoint.id;
  const createdAt = query.before || query.after ? { ...(query.before && { lt: query.before }), ...(query.after && { gt: query.after }) } : undefined;
  const where: Prisma.MessageWhereInput = {
    appId: app.id,
    id: idRangeWithin("message", keysetWhere(params), query),
    ...(createdAt && { createdAt }),
    ...(query.eventTypes?.length && { eventType: { in: query.eventTypes } }),
    // An exact id or eventId: the primary key or the (appId, eventId) index, never a scan.
    ...(query.q && { OR: [{ id: query.q }, { eventId: query.q }] }),
    ...statusWhere(query.status, scope),
  };
  const messages = await db.message.findMany({
    where,
    orderBy: { id: keysetOrder(params) },
    take: params.limit + 1,
    select: { id: true, eventType: true, eventId: true, createdAt: true },
  });
  const deliveries = messages.length
    ? await db.delivery.findMany({
        where: { messageId: { in: messages.slice(0, params.limit).map((m) => m.id) } },
        select: { messageId: true, endpointId: true, status: true, attempts: true, nextAttemptAt: true, lastStatusCode: true, endpoint: { select: { url: true } } },
        orderBy: { endpointId: "asc" },
      })
    : [];
  return pageOf(messages, params, (m) => m.id, (m) => ({
    id: m.id,
    eventType: m.eventType,
    eventId: m.eventId,
    timestamp: m.createdAt,
    deliveries: deliveries
      .filter((d) => d.messageId === m.id)
      .map((d) => ({
        endpointId: d.endpointId,
        url: d.endpoint.url,
        status: d.status,
        attempts: d.attempts,
        nextAttemptAt: d.status === "pending" ? d.nextAttemptAt : null,
        lastStatusCode: d.lastStatusCode,
      })),
  }));
}
