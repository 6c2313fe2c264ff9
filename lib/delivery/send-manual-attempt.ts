import { db } from "@/lib/db";
import { afterAttempts } from "@/lib/health/after-attempts";
import { log } from "@/lib/ops/log";
import { recordAttemptMetrics } from "@/lib/ops/metrics";
import { attemptRow } from "./attempt-row";
import { decryptEndpoint } from "./endpoint-context";
import { recordAttempts } from "./record-attempts";
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
  const endpoint = decryptEndpoint(delivery.endpoint);
  const keys = await signingKeys([endpoint]);
  const result = await sendToEndpoint({ id: delivery.messageId, payload: delivery.message.payload }, endpoint, keys.get(endpoint.id)!);
  const now = new Date();
  const gone = await recordAttempts({
    at: now.getTime(),
    deliveries: [],
    manual: { deliveryId, succeeded: result.succeeded },
    // Its number is the delivery's attempt count after this one, filled in by the write.
    attempts: [attemptRow(delivery, result, { number: 0, trigger: "manual", url: delivery.endpoint.url, at: now })],
    stats: new Map([[delivery.endpointId, { attempts: 1, failures: result.succeeded ? 0 : 1 }]]),
    gone: result.status === 410 ? [delivery.endpointId] : [],
  });
  recordAttemptMetrics([{ ...result, trigger: "manual", finished: result.succeeded ? "succeeded" : null }]);
  log().info({ msgId: delivery.messageId, deliveryId, endpointId: delivery.endpointId, status: result.status, errorKind: result.errorKind, ms: result.durationMs }, result.succeeded ? "manual attempt succeeded" : "manual attempt failed");
  await afterAttempts({
    endpoints: [{ endpoint, orgId: endpoint.app.orgId, app: endpoint.app, org: endpoint.app.org, attempts: 1, failures: result.succeeded ? 0 : 1 }],
    gone,
    messageEvents: [],
  });
}
