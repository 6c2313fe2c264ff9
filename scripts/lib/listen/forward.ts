import { webhookHeaders } from "@/lib/delivery/sign-webhook";

// One POST of a streamed message to the local app, signed as Pigeon signs a webhook (the
// same function): webhook-id is the message id, webhook-timestamp now, and the signature
// covers exactly the bytes sent, so the app's Standard Webhooks verification passes as it
// would for a real delivery.

/** Long enough for a debugger paused on a breakpoint to answer, as Pigeon's own attempts allow. */
const FORWARD_TIMEOUT_MS = 15_000;

export interface StreamedMessage {
  id: string;
  eventType: string;
  /** The exact payload bytes the server stored. */
  body: string;
}

export type Forwarded = { ok: boolean; status: number; ms: number } | { ok: false; error: string; ms: number };

/** The raw key of a whsec_ secret. */
export function signingKey(secret: string): Buffer {
  if (!secret.startsWith("whsec_")) throw new Error("the endpoint's secret is not a whsec_ secret");
  return Buffer.from(secret.slice("whsec_".length), "base64");
}

export async function forward(url: URL, message: StreamedMessage, key: Buffer): Promise<Forwarded> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const headers = webhookHeaders({ msgId: message.id, timestamp: Math.floor(Date.now() / 1000), body: message.body, keys: [key] });
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", "user-agent": "pigeon-listen" },
      body: message.body,
      redirect: "manual",
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
    // Read to the end, so the connection can carry the next message.
    await response.arrayBuffer();
    return { ok: response.status >= 200 && response.status < 300, status: response.status, ms: ms() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${FORWARD_TIMEOUT_MS / 1000} s` : (cause?.code ?? (error as Error).message);
    return { ok: false, error: reason, ms: ms() };
  }
}
