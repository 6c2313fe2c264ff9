import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertSendable, findEndpoint } from "@/lib/endpoints/find-endpoint";
import { AppError } from "@/lib/errors";
import { findMessage } from "@/lib/messages/find-message";
import { runInBackground } from "@/lib/ops/background-work";
import { sendManualAttempt } from "./send-manual-attempt";
import { ensureDelivery } from "./store/update-deliveries";
import { dbNow } from "@/lib/sql/db-clock";

/**
 * Resends a message to one endpoint: one manual attempt, sent right after the response
 * and never retried automatically (audited).
 */
export async function resendMessage(auth: AuthContext, appRef: string, messageRef: string, endpointRef: string): Promise<void> {
  const message = await findMessage(auth, appRef, messageRef);
  const { endpoint } = await findEndpoint(auth, message.appId, endpointRef);
  assertSendable(endpoint);
  if (message.payload === null) throw new AppError("validation", "The message's payload has expired, so it cannot be resent");
  const deliveryId = await ensureDelivery(message, endpoint.id, dbNow());
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "message.resent",
    targetType: "message",
    targetId: message.id,
    data: { endpointId: endpoint.id, deliveryId },
  });
  runInBackground("resend", () => sendManualAttempt(deliveryId));
}
