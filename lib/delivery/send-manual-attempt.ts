import { db } from "@/lib/db";
import { afterAttempts } from "@/lib/health/after-attempts";
import { log } from "@/lib/ops/log";
import { recordAttemptMetrics } from "@/lib/ops/metrics";
import { attemptRow } from "./attempt-row";
import { endpointOutcome } from "./delivery-steps";
import { endpointContext } from "./endpoint-context";
import { sendToEndpoint } from "./send-to-endpoint";
import { signingKeys } from "./signing-keys";
import { recordManualAttempt } from "./store/record-attempts";
import { afterManualAttempt, queueShape } from "./store/queue-order";
import { dbNow } from "@/lib/sql/db-clock";

/**
 * Sends one manual attempt of a delivery now, signed like every scheduled one, and records
 * it with its delivery's next state (delivery-state.ts: never retried; a success finishes
 * the delivery). A 410 disables the endpoint, as it does for scheduled attempts.
 */
export async function sendManualAttempt(deliveryId: string): Promise<void> {
  const delivery = await db.delivery.findUnique({
    where: { id: deliveryId },
    include: { message: true, endpoint: { include: { app: { include: { org: true } } } } },
  });
  if (!delivery) return;
  const endpoint = endpointContext(delivery.endpoint);
  const keys = await signingKeys([endpoint]);
  const result = await sendToEndpoint({ id: delivery.messageId, payload: delivery.message.payload }, endpoint, keys.get(endpoint.id)!);
  const at = new Date(dbNow());
  const next = await recordManualAttempt({
    at: at.getTime(),
    deliveryId,
    outcome: result,
    attempt: attemptRow(delivery, result, { number: 0, trigger: "manual", url: endpoint.url, at }),
  });
  if (!next) return;
  await afterManualAttempt(
    queueShape({ endpointId: endpoint.id, ...endpoint, batchSize: endpoint.batchMaxSize, batchWait: endpoint.batchMaxWaitMs }),
    delivery.batchId,
    at.getTime(),
  );
  recordAttemptMetrics([{ ...result, trigger: "manual", finished: result.succeeded ? "succeeded" : null }]);
  log().info(
    { msgId: delivery.messageId, deliveryId, endpointId: delivery.endpointId, status: result.status, errorKind: result.errorKind, ms: result.durationMs },
    result.succeeded ? "manual attempt succeeded" : "manual attempt failed",
  );
  await afterAttempts({
    endpoints: [endpointOutcome(endpoint, { attempts: 1, failures: result.succeeded ? 0 : 1 })],
    gone: next.endpointGone ? [{ endpointId: endpoint.id, at }] : [],
    messageEvents: [],
  });
}
