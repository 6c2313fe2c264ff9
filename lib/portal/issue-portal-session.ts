import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashToken } from "@/lib/crypto/random-token";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import type { PortalCapability } from "./capabilities";
import { newPortalToken } from "./portal-token";

interface Grant {
  capabilities: PortalCapability[];
  readOnly: boolean;
  expirySeconds: number;
  sessionId?: string | null;
  featureFlags?: string[] | null;
}

/**
 * A new portal session for one application of the caller's organization (audited). The
 * link carries the token in its fragment, which browsers never send, so no server's log
 * ever holds it.
 */
export async function issuePortalSession(auth: AuthContext, app: { id: string }, grant: Grant) {
  const token = newPortalToken();
  const expiresAt = new Date(Date.now() + grant.expirySeconds * 1000);
  const session = await db.portalSession.create({
    data: {
      id: newId("portalSession"),
      orgId: auth.org.id,
      appId: app.id,
      tokenHash: hashToken(token),
      capabilities: grant.capabilities,
      readOnly: grant.readOnly,
      sessionId: grant.sessionId ?? null,
      featureFlags: grant.featureFlags ?? [],
      expiresAt,
      issuedByUserId: auth.user?.id ?? null,
      issuedByKeyId: auth.apiKeyId ?? null,
    },
  });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "portal_session.issued",
    targetType: "portal_session",
    targetId: session.id,
    data: { appId: app.id, capabilities: grant.capabilities, readOnly: grant.readOnly, expiresAt: expiresAt.toISOString() },
  });
  return { url: `${env().PUBLIC_URL}/portal/${app.id}#token=${token}`, token, expiresAt, session };
}
