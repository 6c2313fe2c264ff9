import { redactSensitiveHeaders } from "@/lib/endpoints/header-names";
import { newId } from "@/lib/ids";
import type { AttemptResult } from "./send-attempt";

/** The Attempt row that records one try of a delivery; credentials among the request and response headers are not kept. */
export function attemptRow(
  delivery: { id: string; messageId: string; endpointId: string; appId: string },
  result: AttemptResult,
  meta: { number: number; trigger: "scheduled" | "manual"; url: string; at: Date; batchId?: string | null },
) {
  return {
    id: newId("attempt"),
    deliveryId: delivery.id,
    messageId: delivery.messageId,
    endpointId: delivery.endpointId,
    appId: delivery.appId,
    number: meta.number,
    trigger: meta.trigger,
    succeeded: result.succeeded,
    url: meta.url,
    requestHeaders: redactSensitiveHeaders(result.requestHeaders),
    responseStatus: result.status,
    responseHeaders: result.headers ? redactSensitiveHeaders(result.headers) : null,
    responseBody: result.body,
    durationMs: result.durationMs,
    errorKind: result.errorKind,
    errorMessage: result.errorMessage,
    batchId: meta.batchId ?? null,
    createdAt: meta.at,
  };
}
