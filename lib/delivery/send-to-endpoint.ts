import type { Dispatcher } from "undici";
import { env } from "@/lib/env";
import { type AttemptResult, sendAttempt } from "./send-attempt";

export interface EndpointTarget {
  url: string;
  headers: unknown;
}

/**
 * One signed POST of a stored message to an endpoint, as every attempt (scheduled or
 * manual) makes it. Without keys or payload nothing is sent and the failure says why.
 */
export async function sendToEndpoint(
  message: { id: string; payload: string | null },
  endpoint: EndpointTarget,
  keys: readonly Buffer[],
  options: { timeoutMs?: number; dispatcher?: Dispatcher } = {},
): Promise<AttemptResult> {
  if (keys.length === 0 || message.payload === null) {
    const reason = keys.length === 0 ? "the endpoint has no signing secret" : "the message payload has expired";
    return { succeeded: false, requestHeaders: {}, status: null, headers: null, body: null, durationMs: 0, errorKind: "connection", errorMessage: reason };
  }
  return sendAttempt({
    msgId: message.id,
    url: endpoint.url,
    body: message.payload,
    keys,
    headers: (endpoint.headers ?? {}) as Record<string, string>,
    timeoutMs: options.timeoutMs ?? env().PIGEON_ATTEMPT_TIMEOUT_MS,
    dispatcher: options.dispatcher,
  });
}
