import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { countRecoverable, requeueRecoverable } from "@/lib/delivery/store/update-deliveries";
import { promoteEndpoint } from "@/lib/delivery/store/queue-order";
import { notifyWorkers } from "@/lib/delivery/store/wake";
import { newId } from "@/lib/ids";
import { runInBackground } from "@/lib/ops/background-work";
import { assertSendable, findEndpoint } from "./find-endpoint";
import { withdrawRecoverOffer } from "./recover-offer";
import type { RecoverIn } from "./schemas";
import { dbNow } from "@/lib/sql/db-clock";

const BATCH = 200;
export const RECOVER_TASK = "endpoint.recover";

interface RecoverData {
  endpointId: string;
  since: string;
  until: string;
  /** The message id of the last delivery re-queued: where a resumed task carries on. */
  cursor?: string;
}

/**
 * Re-queues what recover sends again (delivery-state.ts, "recovered": deliveries that ended
 * in failure, and those waiting for a retry after a failed attempt, brought forward to
 * now) in small batches, counting them and keeping a cursor a resumed task starts from.
 */
async function requeue(taskId: string, about: RecoverData, done = 0): Promise<void> {
  const since = new Date(about.since);
  const until = new Date(about.until);
  let last = about.cursor ?? "";
  try {
    for (;;) {
      const batch = await requeueRecoverable(about.endpointId, since, until, last, BATCH, dbNow());
      if (batch.last === null) break;
      last = batch.last;
      done += batch.requeued;
      await promoteEndpoint(about.endpointId, dbNow());
      await db.task.update({ where: { id: taskId }, data: { done, data: { ...about, cursor: last, messagesSent: done } } });
      await notifyWorkers();
    }
    // Rows that stopped matching while it ran (delivered meanwhile) shrink the total.
    await db.task.update({ where: { id: taskId }, data: { status: "finished", done, total: done, data: { ...about, messagesSent: done } } });
  } catch (error) {
    await db.task
      .update({ where: { id: taskId }, data: { status: "failed", data: { ...about, messagesSent: done, error: "the recover stopped unexpectedly" } } })
      .catch(() => {});
    throw error;
  }
}

/**
 * Sends an endpoint's failed messages (created between `since` and `until`, default now)
 * again: a background task re-queues their deliveries in small batches and counts them.
 * It answers the recover offer made on enable (recover-offer.ts).
 */
export async function recoverEndpoint(auth: AuthContext, appRef: string, endpointRef: string, window: RecoverIn) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  assertSendable(endpoint);
  const until = window.until ?? new Date();
  const total = await countRecoverable(endpoint.id, window.since, until);
  const about: RecoverData = { endpointId: endpoint.id, since: window.since.toISOString(), until: until.toISOString() };
  const task = await db.task.create({ data: { id: newId("task"), orgId: auth.org.id, kind: RECOVER_TASK, status: "running", total, data: { ...about } } });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "endpoint.recover_started",
    targetType: "endpoint",
    targetId: endpoint.id,
    data: { ...about, taskId: task.id, total },
  });
  // A recover answers the offer made when the endpoint was enabled again.
  await withdrawRecoverOffer(endpoint.id);
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
