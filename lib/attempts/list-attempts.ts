import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { type Attempt, db, type DeliveryStatus, type Message, type Prisma } from "@/lib/db";
import { findEndpoint } from "@/lib/endpoints/find-endpoint";
import { notFound } from "@/lib/errors";
import { keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";
import { idRangeWithin } from "@/lib/ids";
import type { AttemptListQuery } from "./schemas";
import { serializeAttempt } from "./serialize-attempt";

// An attempt is never pending or sending itself; those statuses select the attempts of
// deliveries that are (waiting for their next try, or being tried right now).
const DELIVERY_STATE: Partial<Record<number, DeliveryStatus>> = { 1: "pending", 3: "sending" };
// Up to this many such deliveries are looked up first and matched by id; beyond it they
// are common enough that a relation filter finds a page quickly.
const DELIVERY_IDS_FIRST = 1000;

function statusCodeWhere(statusCodeClass: number | undefined): Prisma.AttemptWhereInput {
  if (statusCodeClass === undefined) return {};
  if (statusCodeClass === 0) return { responseStatus: null };
  return { responseStatus: { gte: statusCodeClass, lt: statusCodeClass + 100 } };
}

/** The filter for attempts of deliveries in `state`, or null when there are none. */
async function deliveryStateWhere(state: DeliveryStatus, scope: { endpointId?: string; messageId?: string }): Promise<Prisma.AttemptWhereInput | null> {
  const where = { ...scope, status: state };
  const ids = await db.delivery.findMany({ where, select: { id: true }, take: DELIVERY_IDS_FIRST });
  if (ids.length === 0) return null;
  return ids.length < DELIVERY_IDS_FIRST ? { deliveryId: { in: ids.map((d) => d.id) } } : { delivery: { is: where } };
}

type Scope = { endpoint: string } | { message: string };

/**
 * An endpoint's or a message's attempts, newest first, with Svix's filters. Everything
 * runs on the (endpointId, id) or (messageId, id) index: a time window narrows the id
 * range rather than filtering on createdAt alone.
 */
export async function listAttempts(auth: AuthContext, appRef: string, scope: Scope, params: ListParams, query: AttemptListQuery) {
  const app = await findApplication(auth, appRef);
  const base: { endpointId?: string; messageId?: string } = {};
  if ("endpoint" in scope) {
    base.endpointId = (await findEndpoint(auth, app.id, scope.endpoint)).endpoint.id;
  } else {
    const message = await db.message.findFirst({ where: { appId: app.id, OR: [{ id: scope.message }, { eventId: scope.message }] }, select: { id: true } });
    if (!message) throw notFound("Message");
    base.messageId = message.id;
    if (query.endpointId) base.endpointId = (await findEndpoint(auth, app.id, query.endpointId)).endpoint.id;
  }
  const empty = { data: [], iterator: params.after ?? null, prevIterator: null, done: true };
  // Pigeon never cancels an attempt.
  if (query.status === 4) return empty;

  const state = query.status === undefined ? undefined : DELIVERY_STATE[query.status];
  const stateWhere = state ? await deliveryStateWhere(state, base) : {};
  if (!stateWhere) return empty;

  const createdAt = query.before || query.after ? { ...(query.before && { lt: query.before }), ...(query.after && { gt: query.after }) } : undefined;
  const where: Prisma.AttemptWhereInput = {
    appId: app.id,
    ...base,
    id: idRangeWithin("attempt", keysetWhere(params), query),
    ...(createdAt && { createdAt }),
    ...(query.status === 0 && { succeeded: true }),
    ...(query.status === 2 && { succeeded: false }),
    ...stateWhere,
    ...statusCodeWhere(query.statusCodeClass),
    ...(query.eventTypes?.length && { delivery: { is: { message: { is: { eventType: { in: query.eventTypes } } } } } }),
  };
  const rows: (Attempt & { delivery?: { message: Message } })[] = await db.attempt.findMany({
    where,
    orderBy: { id: keysetOrder(params) },
    take: params.limit + 1,
    ...(query.withMsg && { include: { delivery: { select: { message: true } } } }),
  });
  return pageOf(
    rows,
    params,
    (a) => a.id,
    (a) => serializeAttempt(a, { withContent: query.withContent, msg: a.delivery?.message }),
  );
}
