import { db } from "@/lib/db";
import { afterAttempts } from "@/lib/health/after-attempts";
import { attemptRow } from "./attempt-row";
import { minuteOf, recordEndpointStats } from "./record-endpoint-stats";
import { disableGoneEndpoint } from "./disable-gone-endpoint";
import { sendToEndpoint } from "./send-to-endpoint";
import { signingKeys } from "./signing-keys";

/**
 * Sends one manual attempt of a delivery now, signed like every scheduled one, and records
 * it. It never schedules a retry: success finishes the delivery; a failure leaves a
 * delivery's own schedule (or final state) as it was, and finishes one that had none.
 * A 410 disables the endpoint, as it does for scheduled attempts.
 */
export async function sendManualAttempt(deliveryId: string): Promise<void> {
  const delivery = await db.delivery.findUnique({ where: { id: deliveryId }, include: { message: true, endpoint: { include: { app: { include: { org: true } } } } } });
  if (!delivery) return;
  const keys = await signingKeys([delivery.endpoint]);
  const result = await sendToEndpoint({ id: delivery.messageId, payload: delivery.message.payload }, delivery.endpoint, keys.get(delivery.endpointId) ?? []);
  const now = new Date();
  let gone = false;
  await db.$transaction(async (tx) => {
    const current = await tx.delivery.findUnique({ where: { id: deliveryId } });
    if (!current) return;
    const unscheduled = current.status === "pending" && current.nextAttemptAt === null;
    const next = result.succeeded
      ? { status: "succeeded" as const, nextAttemptAt: null, leaseToken: null }
      : unscheduled
        ? { status: "exhausted" as const }
        : {};
    const updated = await tx.delivery.update({
      where: { id: deliveryId },
      data: { ...next, attempts: { increment: 1 }, lastAttemptAt: now, lastStatusCode: result.status },
    });
    await tx.attempt.create({ data: attemptRow(delivery, result, { number: updated.attempts, trigger: "manual", url: delivery.endpoint.url, at: now }) });
    await recordEndpointStats(tx, minuteOf(now), new Map([[delivery.endpointId, { attempts: 1, failures: result.succeeded ? 0 : 1 }]]));
    if (result.status === 410) gone = await disableGoneEndpoint(tx, delivery.endpointId, now);
  });
  const { endpoint } = delivery;
  await afterAttempts({
    endpoints: [{ endpoint, orgId: endpoint.app.orgId, app: endpoint.app, org: endpoint.app.org, attempts: 1, failures: result.succeeded ? 0 : 1 }],
    gone: gone ? [endpoint.id] : [],
    messageEvents: [],
  });
}
