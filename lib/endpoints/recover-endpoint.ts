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

interface RecoverData {
  endpointId: string;
  since: string;
  until: string;
  /** The last delivery id re-queued: where a resumed task carries on. */
  cursor?: string;
}

async function requeue(taskId: string, about: RecoverData, done = 0): Promise<void> {
  const where = recoverableWhere(about.endpointId, new Date(about.since), new Date(about.until));
  let last = about.cursor;
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
      await db.task.update({ where: { id: taskId }, data: { done, data: { ...about, cursor: last, messagesSent: done } } });
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
  const about: RecoverData = { endpointId: endpoint.id, since: window.since.toISOString(), until: until.toISOString() };
  const task = await db.task.create({ data: { id: newId("task"), orgId: auth.org.id, kind: RECOVER_TASK, status: "running", total, data: { ...about } } });
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "endpoint.recover_started", targetType: "endpoint", targetId: endpoint.id, data: { ...about, taskId: task.id, total } });
  runInBackground("recover", () => requeue(task.id, about));
  return task;
}

// A running task makes progress every batch; one silent for this long lost its process.
const STALE_MS = 60_000;

/**
 * Carries on with recover tasks whose process died (a deploy, a crash): each is taken over
 * by one worker (a conditional touch of updatedAt) and resumes after its last batch.
 * Called from the worker loop now and then.
 */
export async function resumeStaleRecoverTasks(now = new Date()): Promise<number> {
  const stale = await db.task.findMany({ where: { kind: RECOVER_TASK, status: "running", updatedAt: { lt: new Date(now.getTime() - STALE_MS) } }, take: 10 });
  let resumed = 0;
  for (const task of stale) {
    const { count } = await db.task.updateMany({ where: { id: task.id, status: "running", updatedAt: task.updatedAt }, data: { updatedAt: now } });
    if (count === 0) continue; // another worker took it
    resumed += 1;
    runInBackground("recover", () => requeue(task.id, task.data as unknown as RecoverData, task.done));
  }
  return resumed;
}
