import type { AuthContext } from "@/lib/auth/context";
import { wakeWorker } from "@/lib/delivery/wake-worker";
import { AppError } from "@/lib/errors";
import { insertMessage } from "./insert-message";
import { MAX_PAYLOAD_BYTES, type TMessageIn, ZMessageIn } from "./schemas";

/**
 * Stores a message (its payload as the exact JSON text that will be sent) and, in the
 * same transaction, one due delivery per enabled endpoint that receives it; then wakes
 * the workers.
 */
export async function createMessage(auth: AuthContext, appRef: string, input: TMessageIn, options: { onlyEndpointId?: string } = {}) {
  const data = ZMessageIn.parse(input);
  const payload = JSON.stringify(data.payload);
  const payloadSize = Buffer.byteLength(payload, "utf8");
  if (payloadSize > MAX_PAYLOAD_BYTES) {
    throw new AppError("payload_too_large", `payload: is ${payloadSize} bytes of JSON; the limit is ${MAX_PAYLOAD_BYTES} bytes (1 MiB)`);
  }
  const { message, deliveries } = await insertMessage({
    orgId: auth.org.id,
    appRef,
    eventType: data.eventType,
    eventId: data.eventId ?? null,
    payload,
    payloadSize,
    channels: data.channels ?? null,
    tags: data.tags ?? null,
    onlyEndpointId: options.onlyEndpointId,
  });
  if (deliveries > 0) wakeWorker();
  return message;
}
