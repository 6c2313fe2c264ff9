import type { Attempt, Message } from "@/lib/db";
import { redactSensitiveHeaders } from "@/lib/endpoints/header-names";
import { serializeMessage } from "@/lib/messages/serialize-message";

/**
 * MessageAttemptOut as in the Svix API, plus what the console shows of an attempt: the
 * request and response headers, why it failed, and which try of its delivery it was.
 * A request that got no answer has responseStatusCode 0.
 */
export function serializeAttempt(attempt: Attempt, options: { withContent?: boolean; msg?: Message | null } = {}) {
  return {
    id: attempt.id,
    msgId: attempt.messageId,
    endpointId: attempt.endpointId,
    url: attempt.url,
    response: options.withContent === false ? "" : (attempt.responseBody ?? ""),
    responseStatusCode: attempt.responseStatus ?? 0,
    responseDurationMs: attempt.durationMs,
    status: attempt.succeeded ? 0 : 2,
    statusText: attempt.succeeded ? "success" : "fail",
    triggerType: attempt.trigger === "manual" ? 1 : 0,
    timestamp: attempt.createdAt,
    ...(options.msg ? { msg: serializeMessage(options.msg, { withContent: false }) } : {}),
    attemptNumber: attempt.number,
    // Attempts are recorded redacted (a receiver's Set-Cookie too); this also hides credentials in rows recorded before that.
    requestHeaders: redactSensitiveHeaders(attempt.requestHeaders as Record<string, string>),
    responseHeaders: attempt.responseHeaders ? redactSensitiveHeaders(attempt.responseHeaders as Record<string, string>) : null,
    errorKind: attempt.errorKind,
    errorMessage: attempt.errorMessage,
    // Pigeon's: the batch whose POST carried the message (a batching endpoint's), null when it went alone.
    batchId: attempt.batchId,
  };
}
export type AttemptOut = ReturnType<typeof serializeAttempt>;
