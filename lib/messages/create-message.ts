import type { AuthContext } from "@/lib/auth/context";
import { wakeWorker } from "@/lib/delivery/store/wake";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/ops/log";
import { insertMessage } from "@/lib/delivery/store/insert-message";
import { formatBytes } from "@/lib/utils";
import type { MessageIn } from "./schemas";

/**
 * Stores a message (its payload as the exact JSON text that will be sent) and, in the
 * same transaction, one due delivery per enabled endpoint that receives it; then wakes
 * the workers. With `id` (an Idempotency-Key's stable id) a message already stored under
 * that id — by a request whose process died before it answered — is returned instead.
 */
export async function createMessage(auth: AuthContext, appRef: string, data: MessageIn, options: { onlyEndpointId?: string; id?: string } = {}) {
  const payload = JSON.stringify(data.payload);
  const payloadSize = Buffer.byteLength(payload, "utf8");
  const limit = auth.org.limits.maxPayloadBytes;
  if (payloadSize > limit) {
    throw new AppError(
      "payload_too_large",
      `payload: is ${payloadSize.toLocaleString("en-US")} bytes of JSON; this organization's limit is ${limit.toLocaleString("en-US")} bytes (${formatBytes(limit)})`,
    );
  }
  const stored = async (error: unknown) => {
    const found = options.id ? await db.message.findFirst({ where: { id: options.id, app: { orgId: auth.org.id } } }) : null;
    if (!found) throw error;
    return { message: found, deliveries: 0 };
  };
  // The id is unique: inserting it a second time fails, and the first one is the answer.
  const { message, deliveries } = await insertMessage({
    id: options.id,
    orgId: auth.org.id,
    appRef,
    eventType: data.eventType,
    eventId: data.eventId ?? null,
    payload,
    payloadSize,
    channels: data.channels ?? null,
    tags: data.tags ?? null,
    onlyEndpointId: options.onlyEndpointId,
  }).catch(stored);
  if (deliveries > 0) wakeWorker();
  log().debug({ msgId: message.id, appId: message.appId, eventType: data.eventType, deliveries }, "message accepted");
  return message;
}
