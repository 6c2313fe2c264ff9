import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Prisma, provider } from "@/lib/db";
import { WORK_CHANNEL, wakeWorker } from "@/lib/delivery/wake-worker";
import { idAtTime, newId } from "@/lib/ids";
import { runInBackground } from "@/lib/ops/background-work";
import { findEndpoint } from "./find-endpoint";
import { type TRecoverIn, ZRecoverIn } from "./schemas";

const BATCH = 200;
export const RECOVER_TASK = "endpoint.recover";

/**
 * What recover sends again: deliveries that ended in failure (exhausted, or paused while
 * the endpoint was disabled) and those still waiting for a retry after a failed attempt,
 * which are brought forward to now. Delivered ones and untried ones are left alone.
 */
function recoverableWhere(endpointId: string, since: Date, until: Date): Prisma.DeliveryWhereInput {
  return {
    endpointId,
    // A delivery is never older than its message, so this bound lets the (endpointId, status, id) index skip older rows.
    id: { gte: idAtTime("delivery", since.getTime(), "start") },
    messageId: { gte: idAtTime("message", since.getTime(), "start"), lte: idAtTime("message", until.getTime(), "end") },
    OR: [{ status: { in: ["exhausted", "paused"] } }, { status: "pending", attempts: { gt: 0 } }],
  };
}

async function requeue(taskId: string, where: Prisma.DeliveryWhereInput, about: Record<string, string>): Promise<void> {
  let done = 0;
  let last: string | undefined;
  try {
    for (;;) {
      const batch = await db.delivery.findMany({ where: { ...where, ...(last && { id: { gt: last } }) }, select: { id: true }, orderBy: { id: "asc" }, take: BATCH });
      if (batch.length === 0) break;
      last = batch.at(-1)!.id;
      const now = new Date();
      // The status check again: a row the worker claimed meanwhile (sending) is left to it.
      const { count } = await db.delivery.updateMany({
        where: { id: { in: batch.map((d) => d.id) }, OR: where.OR },
        data: { status: "pending", nextAttemptAt: now, leaseToken: null },
      });
      done += count;
      await db.task.update({ where: { id: taskId }, data: { done, data: { ...about, messagesSent: done } } });
      if (provider() === "postgres") await db.$executeRawUnsafe(`SELECT pg_notify('${WORK_CHANNEL}', '')`);
      wakeWorker();
      if (batch.length < BATCH) break;
    }
    // Rows that stopped matching while it ran (delivered meanwhile) shrink the total.
    await db.task.update({ where: { id: taskId }, data: { status: "finished", done, total: done, data: { ...about, messagesSent: done } } });
  } catch (error) {
    await db.task.update({ where: { id: taskId }, data: { status: "failed", data: { ...about, messagesSent: done, error: "the recover stopped unexpectedly" } } }).catch(() => {});
    throw error;
  }
}

/**
 * Sends an endpoint's failed messages (created between `since` and `until`, default now)
 * again: a background task re-queues their deliveries in small batches and counts them.
 */
export async function recoverEndpoint(auth: AuthContext, appRef: string, endpointRef: string, input: TRecoverIn) {
  const window = ZRecoverIn.parse(input);
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  const until = window.until ?? new Date();
  const where = recoverableWhere(endpoint.id, window.since, until);
  const total = await db.delivery.count({ where });
  const about = { endpointId: endpoint.id, since: window.since.toISOString(), until: until.toISOString() };
  const task = await db.task.create({ data: { id: newId("task"), orgId: auth.org.id, kind: RECOVER_TASK, status: "running", total, data: about } });
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "endpoint.recover_started", targetType: "endpoint", targetId: endpoint.id, data: { ...about, taskId: task.id, total } });
  runInBackground("recover", () => requeue(task.id, where, about));
  return task;
}
