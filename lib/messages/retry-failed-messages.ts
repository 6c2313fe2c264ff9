import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Prisma } from "@/lib/db";
import { promoteEndpoint } from "@/lib/delivery/store/queue-order";
import { requeueDeliveries } from "@/lib/delivery/store/update-deliveries";
import { notifyWorkers } from "@/lib/delivery/store/wake";
import { idRangeWithin } from "@/lib/ids";
import { dbNow } from "@/lib/sql/db-clock";
import { logFilters, type MessageLogQuery } from "./list-message-log";
import { payloadHasValue } from "./search-payloads";

// Bulk retry from the message log: the failed deliveries of the messages the log's filters
// show are sent again — recover's transition ("recovered": exhausted, paused, or waiting
// for a retry after a failure → due now), for deliveries chosen by the log instead of by
// one endpoint and a time. Endpoints that are disabled or polling are left out (a retry
// there would only pause again, or there is nothing to send).

/** The most deliveries one retry sends again, newest message first; the rest wait for another. */
export const RETRY_LIMIT = 1_000;

const FAILED: Prisma.DeliveryWhereInput = { OR: [{ status: { in: ["exhausted", "paused"] } }, { status: "pending", attempts: { gt: 0 } }] };

/**
 * The retryable deliveries of the filtered messages, newest message first, up to
 * RETRY_LIMIT + 1: read from the (appId|endpointId, status, messageId) indexes within the
 * window's message id range, each joined to its message (by key) for the other filters.
 * At 1M messages this reads the failed deliveries in the window (most are not), and stops
 * at 1,001.
 */
async function retryable(auth: AuthContext, appRef: string, query: MessageLogQuery) {
  const { app, scope, where } = await logFilters(auth, appRef, query);
  // A log status without failures leaves nothing to retry; Retrying means those waiting after a failure.
  if (query.status === "succeeded" || query.status === "pending") return { app, rows: [] };
  const failed =
    query.status === "failing"
      ? { status: "pending" as const, attempts: { gt: 0 } }
      : query.status === "exhausted" || query.status === "paused"
        ? { status: query.status }
        : FAILED;
  const range = idRangeWithin("message", undefined, query);
  const rows = await db.delivery.findMany({
    where: {
      ...scope,
      ...failed,
      messageId: { ...range, ...(query.q && { in: [query.q] }) },
      endpoint: { disabled: false, type: "webhook" },
      message: { ...where, ...(query.payload && { payload: { contains: JSON.stringify(query.payload).slice(1, -1) } }) },
    },
    orderBy: { messageId: "desc" },
    take: RETRY_LIMIT + 1,
    select: { id: true, messageId: true, endpointId: true, message: { select: { id: true, payload: Boolean(query.payload) } } },
  });
  return { app, rows: query.payload ? rows.filter((r) => payloadHasValue(r.message.payload ?? null, query.payload!)) : rows };
}

function summary(rows: { messageId: string }[]) {
  const taken = rows.slice(0, RETRY_LIMIT);
  return { deliveries: taken.length, messages: new Set(taken.map((r) => r.messageId)).size, more: rows.length > RETRY_LIMIT };
}

/** What a retry of the log's filtered failures would send again (the confirmation's numbers). */
export async function previewRetry(auth: AuthContext, appRef: string, query: MessageLogQuery) {
  return summary((await retryable(auth, appRef, query)).rows);
}

/** Sends the filtered failures again; returns how many deliveries (of how many messages) were re-queued. */
export async function retryFailedMessages(auth: AuthContext, appRef: string, query: MessageLogQuery) {
  const { app, rows } = await retryable(auth, appRef, query);
  const taken = rows.slice(0, RETRY_LIMIT);
  const requeued = new Set<string>();
  for (let from = 0; from < taken.length; from += 200) {
    for (const id of await requeueDeliveries(
      taken.slice(from, from + 200).map((r) => r.id),
      dbNow(),
    ))
      requeued.add(id);
  }
  for (const endpointId of new Set(taken.map((r) => r.endpointId))) await promoteEndpoint(endpointId, dbNow());
  if (requeued.size) await notifyWorkers();
  const done = taken.filter((r) => requeued.has(r.id));
  const result = { deliveries: done.length, messages: new Set(done.map((r) => r.messageId)).size, more: rows.length > RETRY_LIMIT };
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "messages.retried",
    targetType: "application",
    targetId: app.id,
    data: { ...result, filters: JSON.parse(JSON.stringify(query)) },
  });
  return result;
}
