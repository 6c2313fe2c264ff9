import type { Dispatcher } from "undici";
import { env } from "@/lib/env";
import { type AttemptResult, sendAttempt } from "./send-attempt";
import type { SigningKeys } from "./signing-keys";

export interface EndpointTarget {
  url: string;
  /** The custom headers, decrypted. */
  headers: Record<string, string>;
  /** Why the endpoint's stored settings cannot be used (they do not decrypt), if so. */
  unreadable: string | null;
}

/**
 * One signed POST of a stored message to an endpoint, as every attempt (scheduled or
 * manual) makes it. Without usable keys, headers or payload nothing is sent and the failure says why.
 */
export async function sendToEndpoint(
  message: { id: string; payload: string | null },
  endpoint: EndpointTarget,
  signing: SigningKeys,
  options: { timeoutMs?: number; dispatcher?: Dispatcher } = {},
): Promise<AttemptResult> {
  const reason = endpoint.unreadable ?? signing.unreadable ?? (signing.keys.length === 0 ? "the endpoint has no signing secret" : null);
  if (reason !== null || message.payload === null) {
    const errorMessage = reason ?? "the message payload has expired";
    return { succeeded: false, requestHeaders: {}, status: null, headers: null, body: null, durationMs: 0, errorKind: "connection", errorMessage };
  }
  return sendAttempt({
    msgId: message.id,
    url: endpoint.url,
    body: message.payload,
    keys: signing.keys,
    headers: endpoint.headers,
    timeoutMs: options.timeoutMs ?? env().PIGEON_ATTEMPT_TIMEOUT_MS,
    dispatcher: options.dispatcher,
  });
}
