import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { findPollingEndpoint } from "./read-stream";
import { newPollingToken } from "./polling-token";

/** A new token for a polling endpoint; the old one stops working at once (audited). */
export async function rotatePollingToken(auth: AuthContext, appRef: string, endpointRef: string) {
  const { app, endpoint } = await findPollingEndpoint(auth, appRef, endpointRef);
  const token = newPollingToken(app.id, endpoint.id);
  await db.endpoint.update({ where: { id: endpoint.id }, data: { tokenHash: token.hash, tokenPrefix: token.prefix } });
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "endpoint.token_rotated", targetType: "endpoint", targetId: endpoint.id });
  return { token: token.token, tokenPrefix: token.prefix };
}
