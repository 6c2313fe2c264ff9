import { z } from "zod";
import { listParam } from "@/lib/http/list-param";
import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { db, type DeliveryStatus, type Prisma } from "@/lib/db";
import { findEndpoint } from "@/lib/endpoints/find-endpoint";
import { ZEventTypeName } from "@/lib/endpoints/schemas";
import { fromZodError } from "@/lib/errors";
import { keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";
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
// A rare state's deliveries are read first, newest message first, up to this many per
// state; more than that and the state is common, so the per-message filter finds a page fast.
const CANDIDATES = 1_000;
const CHUNK = 250;

type Status = MessageLogQuery["status"];

/**
 * The delivery filter of a log status (to one endpoint when scoped): succeeded = all
 * delivered; failing = a delivery retrying after a failure; pending = a delivery not
 * tried yet; exhausted = a delivery that gave up (or is paused with its endpoint).
 */
function statusWhere(status: Status, scope: Prisma.DeliveryWhereInput): Prisma.MessageWhereInput {
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

const RARE: Partial<Record<NonNullable<Status>, { statuses: DeliveryStatus[]; attempts?: Prisma.IntFilter }>> = {
  failing: { statuses: [...UNFINISHED], attempts: { gt: 0 } },
  pending: { statuses: [...UNFINISHED], attempts: { equals: 0 } },
  exhausted: { statuses: ["exhausted", "paused"] },
};

/**
 * For a rare status: the ids of the messages in the id range with such a delivery, read
 * from the (appId|endpointId, status, messageId) indexes one state at a time; null when
 * a state is too common for that to pay.
 */
async function rareStatusMessageIds(status: Status, scope: Prisma.DeliveryWhereInput, range: Prisma.StringFilter | undefined, order: "asc" | "desc") {
  const rare = status && RARE[status];
  if (!rare) return null;
  const ids = new Set<string>();
  for (const state of rare.statuses) {
    const rows = await db.delivery.findMany({
      where: { ...scope, status: state, messageId: range, ...(rare.attempts && { attempts: rare.attempts }) },
      select: { messageId: true },
      orderBy: { messageId: order },
      take: CANDIDATES,
    });
    if (rows.length === CANDIDATES) return null;
    for (const row of rows) ids.add(row.messageId);
  }
  return [...ids];
}

/** The id of the message whose id or eventId is exactly `q`: two unique lookups, never a scan. */
async function messageIdOf(appId: string, q: string): Promise<string | null> {
  const byId = await db.message.findFirst({ where: { id: q, appId }, select: { id: true } });
  if (byId) return byId.id;
  const byEventId = await db.message.findUnique({ where: { appId_eventId: { appId, eventId: q } }, select: { id: true } });
  return byEventId?.id ?? null;
}

export async function listMessageLog(auth: AuthContext, appRef: string, params: ListParams, query: MessageLogQuery) {
  const app = await findApplication(auth, appRef);
  const scope: Prisma.DeliveryWhereInput = { appId: app.id };
  if (query.endpointId) scope.endpointId = (await findEndpoint(auth, app.id, query.endpointId)).endpoint.id;
  const empty = { data: [], iterator: params.after ?? null, prevIterator: null, done: true };
  const order = keysetOrder(params);
  const range = idRangeWithin("message", keysetWhere(params), query);
  const exact = query.q ? await messageIdOf(app.id, query.q) : undefined;
  if (exact === null) return empty;
  const candidates = exact ? null : await rareStatusMessageIds(query.status, scope, range, order);
  const createdAt = query.before || query.after ? { ...(query.before && { lt: query.before }), ...(query.after && { gt: query.after }) } : undefined;
  const where: Prisma.MessageWhereInput = {
    appId: app.id,
    id: { ...range, ...(exact && { equals: exact }) },
    ...(createdAt && { createdAt }),
    ...(query.eventTypes?.length && { eventType: { in: query.eventTypes } }),
    ...statusWhere(query.status, scope),
  };
  const select = { id: true, eventType: true, eventId: true, createdAt: true } as const;
  let messages: Prisma.MessageGetPayload<{ select: typeof select }>[] = [];
  if (!candidates) {
    messages = await db.message.findMany({ where, orderBy: { id: order }, take: params.limit + 1, select });
  } else {
    // Candidates in page order, a chunk at a time (bound parameters are limited), until the page is full.
    candidates.sort();
    if (order === "desc") candidates.reverse();
    for (let from = 0; from < candidates.length && messages.length <= params.limit; from += CHUNK) {
      const chunk = candidates.slice(from, from + CHUNK);
      const rows = await db.message.findMany({
        where: { ...where, id: { ...range, in: chunk } },
        orderBy: { id: order },
        take: params.limit + 1 - messages.length,
        select,
      });
      messages.push(...rows);
    }
  }
  const deliveries = messages.length
    ? await db.delivery.findMany({
        where: { messageId: { in: messages.slice(0, params.limit).map((m) => m.id) } },
        select: {
          messageId: true,
          endpointId: true,
          status: true,
          attempts: true,
          nextAttemptAt: true,
          lastStatusCode: true,
          endpoint: { select: { url: true, type: true } },
        },
        orderBy: { endpointId: "asc" },
      })
    : [];
  return pageOf(
    messages,
    params,
    (m) => m.id,
    (m) => ({
      id: m.id,
      eventType: m.eventType,
      eventId: m.eventId,
      timestamp: m.createdAt,
      deliveries: deliveries
        .filter((d) => d.messageId === m.id)
        .map((d) => ({
          endpointId: d.endpointId,
          url: d.endpoint.url,
          // A polling endpoint's url is empty; the console names it by id instead.
          type: d.endpoint.type,
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.status === "pending" ? d.nextAttemptAt : null,
          lastStatusCode: d.lastStatusCode,
        })),
    }),
  );
}
