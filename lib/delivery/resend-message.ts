import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { findEndpoint } from "@/lib/endpoints/find-endpoint";
import { AppError, toAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { findMessage } from "@/lib/messages/find-message";
import { runInBackground } from "@/lib/ops/background-work";
import { sendManualAttempt } from "./send-manual-attempt";

/** The message's delivery to the endpoint; made (with no schedule) if it never had one, e.g. for an endpoint added later. */
async function deliveryFor(message: { id: string; appId: string }, endpointId: string) {
  const key = { messageId_endpointId: { messageId: message.id, endpointId } };
  const existing = await db.delivery.findUnique({ where: key });
  if (existing) return existing;
  try {
    return await db.delivery.create({
      data: { id: newId("delivery"), messageId: message.id, endpointId, appId: message.appId, status: "pending", nextAttemptAt: null },
    });
  } catch (error) {
    if (toAppError(error).code !== "conflict") throw error;
    return db.delivery.findUniqueOrThrow({ where: key });
  }
}

/**
 * Resends a message to one endpoint: one manual attempt, sent right after the response
 * and never retried automatically (audited).
 */
export async function resendMessage(auth: AuthContext, appRef: string, messageRef: string, endpointRef: string): Promise<void> {
  const message = await findMessage(auth, appRef, messageRef);
  const { endpoint } = await findEndpoint(auth, message.appId, endpointRef);
  if (message.payload === null) throw new AppError("validation", "The message's payload has expired, so it cannot be resent");
  const delivery = await deliveryFor(message, endpoint.id);
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "message.resent", targetType: "message", targetId: message.id, data: { endpointId: endpoint.id, deliveryId: delivery.id } });
  runInBackground("resend", () => sendManualAttempt(delivery.id));
}
