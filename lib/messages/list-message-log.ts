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
import { payloadHasValue, scanPayloads } from "./search-payloads";

// The console's message log: messages newest first, each with its deliveries' state.

export const LOG_STATUSES = ["succeeded", "failing", "pending", "exhausted", "paused"] as const;

/** The widest window a payload search covers, and the one it covers unless told (before `before`, or now). */
export const PAYLOAD_WINDOW_MAX_DAYS = 7;
const PAYLOAD_WINDOW_DEFAULT_MS = 24 * 3600_000;

export const ZMessageLogQuery = z
  .object({
    status: z.enum(LOG_STATUSES, { message: `must be one of ${LOG_STATUSES.join(", ")}` }).optional(),
    eventTypes: z.array(ZEventTypeName).max(100).optional(),
    endpointId: z.string().min(1).max(256).optional(),
    before: ZIsoTime.optional(),
    after: ZIsoTime.optional(),
    q: z.string().trim().min(1).max(256).optional(),
    // A string or number value anywhere in the payload (search-payloads.ts).
    payload: z.string().trim().min(1, "must not be empty").max(256, "must be at most 256 characters").optional(),
  })
  .refine((q) => !(q.before instanceof Date) || !(q.after instanceof Date) || q.after < q.before, { message: "must be earlier than before", path: ["after"] })
  .transform((q) => {
    if (!q.payload || q.after) return q;
    const end = q.before ?? new Date();
    return { ...q, after: new Date(end.getTime() - PAYLOAD_WINDOW_DEFAULT_MS) };
  })
  .refine((q) => !q.payload || (q.before ?? new Date()).getTime() - q.after!.getTime() <= PAYLOAD_WINDOW_MAX_DAYS * 86_400_000, {
    message: `a payload search covers at most ${PAYLOAD_WINDOW_MAX_DAYS} days: set after (From) and before (Until) closer together`,
    path: ["after"],
  });
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
    payload: q.get("payload") ?? undefined,
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
/** The log counts its messages exactly up to this; beyond it, "more than 1,000". */
export const COUNT_CAP = 1_000;

type Status = MessageLogQuery["status"];

/**
 * The delivery filter of a log status (to one endpoint when scoped): succeeded = all
 * delivered; failing = a delivery retrying after a failure; pending = a delivery not
 * tried yet; exhausted = a delivery that gave up; paused = a delivery paused with its
 * disabled endpoint, waiting for a recover.
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
    case "paused":
      return { deliveries: { some: { ...scope, status } } };
    default:
      return scope.endpointId ? { deliveries: { some: scope } } : {};
  }
}

const RARE: Partial<Record<NonNullable<Status>, { statuses: DeliveryStatus[]; attempts?: Prisma.IntFilter }>> = {
  failing: { statuses: [...UNFINISHED], attempts: { gt: 0 } },
  pending: { statuses: [...UNFINISHED], attempts: { equals: 0 } },
  exhausted: { statuses: ["exhausted"] },
  paused: { statuses: ["paused"] },
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

/** The filters of a log query on messages (all but the page and the text searches), and the delivery scope. */
export async function logFilters(auth: AuthContext, appRef: string, query: MessageLogQuery) {
  const app = await findApplication(auth, appRef);
  const scope: Prisma.DeliveryWhereInput = { appId: app.id };
  if (query.endpointId) scope.endpointId = (await findEndpoint(auth, app.id, query.endpointId)).endpoint.id;
  const createdAt = query.before || query.after ? { ...(query.before && { lt: query.before }), ...(query.after && { gt: query.after }) } : undefined;
  const where: Prisma.MessageWhereInput = {
    appId: app.id,
    ...(createdAt && { createdAt }),
    ...(query.eventTypes?.length && { eventType: { in: query.eventTypes } }),
    ...statusWhere(query.status, scope),
  };
  return { app, scope, where };
}

const select = { id: true, eventType: true, eventId: true, createdAt: true } as const;
type LogMessage = Prisma.MessageGetPayload<{ select: typeof select }>;

/** The messages of a page in page order, read through the rare states' candidates when they pay. */
async function readPage(
  where: Prisma.MessageWhereInput,
  range: Prisma.StringFilter | undefined,
  candidates: string[] | null,
  order: "asc" | "desc",
  take: number,
) {
  if (!candidates) return db.message.findMany({ where: { ...where, id: range }, orderBy: { id: order }, take, select });
  const messages: LogMessage[] = [];
  // Candidates in page order, a chunk at a time (bound parameters are limited), until the page is full.
  const sorted = [...candidates].sort();
  if (order === "desc") sorted.reverse();
  for (let from = 0; from < sorted.length && messages.length < take; from += CHUNK) {
    const chunk = sorted.slice(from, from + CHUNK);
    messages.push(
      ...(await db.message.findMany({ where: { ...where, id: { ...range, in: chunk } }, orderBy: { id: order }, take: take - messages.length, select })),
    );
  }
  return messages;
}

/**
 * How many messages the filters match, exactly up to COUNT_CAP: at most COUNT_CAP + 1 index
 * entries (or the rare states' candidates, at most 1,000 per state) whatever the log holds.
 */
async function countLog(where: Prisma.MessageWhereInput, window: Prisma.StringFilter | undefined, candidates: string[] | null) {
  let count = 0;
  if (!candidates) count = await db.message.count({ where: { ...where, id: window }, take: COUNT_CAP + 1 });
  else
    for (let from = 0; from < candidates.length && count <= COUNT_CAP; from += CHUNK)
      count += await db.message.count({ where: { ...where, id: { ...window, in: candidates.slice(from, from + CHUNK) } } });
  return { count: Math.min(count, COUNT_CAP), more: count > COUNT_CAP };
}

export async function listMessageLog(auth: AuthContext, appRef: string, params: ListParams, query: MessageLogQuery) {
  const { app, scope, where } = await logFilters(auth, appRef, query);
  const none = { data: [], iterator: params.after ?? null, prevIterator: null, done: true, total: { count: 0, more: false }, search: null };
  const order = keysetOrder(params);
  const window = idRangeWithin("message", undefined, query);
  const range = idRangeWithin("message", keysetWhere(params), query);
  const exact = query.q ? await messageIdOf(app.id, query.q) : undefined;
  if (exact === null) return none;
  let messages: LogMessage[];
  let total: { count: number; more: boolean };
  let search: { scanned: number; complete: boolean; after: Date; before: Date } | null = null;
  let stoppedAt: string | null = null;
  if (exact) {
    const rows = await db.message.findMany({ where: { ...where, id: { ...range, equals: exact } }, take: 1, select: { ...select, payload: true } });
    messages = rows.filter((m) => !query.payload || payloadHasValue(m.payload, query.payload));
    total = { count: messages.length, more: false };
  } else if (query.payload) {
    const scan = await scanPayloads(app.id, query.payload, where, range, order, params.limit + 1);
    messages = scan.rows;
    stoppedAt = scan.stoppedAt;
    search = { scanned: scan.scanned, complete: stoppedAt === null, after: query.after!, before: query.before ?? new Date() };
    // Only what this scan saw is known: the page's matches, and "more" when there may be others.
    total = { count: Math.min(messages.length, params.limit), more: messages.length > params.limit || stoppedAt !== null };
  } else {
    const candidates = await rareStatusMessageIds(query.status, scope, range, order);
    messages = await readPage(where, range, candidates, order, params.limit + 1);
    const allCandidates = candidates && !params.after && !params.before ? candidates : await rareStatusMessageIds(query.status, scope, window, order);
    total = await countLog(where, window, allCandidates);
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
  const page = pageOf(
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
  // A scan that stopped for its budget goes on from where it stopped, on the next page.
  if (stoppedAt && messages.length <= params.limit) {
    if (params.before) page.prevIterator = `-${stoppedAt}`;
    else Object.assign(page, { iterator: stoppedAt, done: false });
  }
  return { ...page, total, search };
}
