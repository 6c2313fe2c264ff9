import { createHmac } from "node:crypto";

// Standard Webhooks / Svix signatures. During a secret rotation the old keys stay valid
// for a grace period, so every current key signs and receivers accept any one match.

export interface SignInput {
  msgId: string;
  /** Unix seconds; the same value goes into the webhook-timestamp header. */
  timestamp: number;
  /** The exact bytes that will be sent, as a string: re-serialising JSON breaks signatures. */
  body: string;
  /** Signing keys, current first, then rotated-out keys still in their grace period. */
  keys: readonly Buffer[];
}

export interface WebhookHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/** "v1,<base64 HMAC-SHA256>" per key, space-separated. */
export function signWebhook({ msgId, timestamp, body, keys }: SignInput): string {
  if (keys.length === 0) throw new Error("signWebhook needs at least one key");
  // The upper bound (year 2286) catches milliseconds passed by mistake.
  if (!Number.isInteger(timestamp) || timestamp < 0 || timestamp >= 1e10) {
    throw new Error(`signWebhook needs a timestamp in whole unix seconds, got ${timestamp}`);
  }
  // The signed content is the message id, timestamp and body joined with dots.
  const content = `${msgId}.${timestamp}.${body}`;
  return keys.map((key) => `v1,${createHmac("sha256", key).update(content, "utf8").digest("base64")}`).join(" ");
}

export function webhookHeaders(input: SignInput): WebhookHeaders {
  return {
    "webhook-id": input.msgId,
    "webhook-timestamp": String(input.timestamp),
    "webhook-signature": signWebhook(input),
  };
}
