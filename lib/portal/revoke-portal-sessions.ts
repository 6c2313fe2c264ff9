import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { ExpireAllIn } from "./schemas";

const active = () => ({ revokedAt: null, expiresAt: { gt: new Date() } });

/** Ends one portal session at once (a logout, or the console's revoke); audited. */
export async function revokePortalSession(orgId: string, actor: Actor, sessionRowId: string, where: { appId?: string } = {}) {
  const { count } = await db.portalSession.updateMany({ where: { id: sessionRowId, orgId, ...where, ...active() }, data: { revokedAt: new Date() } });
  if (!count) throw notFound("Portal session");
  await recordAuditEvent({ orgId, actor, action: "portal_session.revoked", targetType: "portal_session", targetId: sessionRowId });
}

/** The console's revoke: one session of the application (404 for any other). */
export async function revokeAppPortalSession(auth: AuthContext, appRef: string, sessionRowId: string) {
  const app = await findApplication(auth, appRef);
  await revokePortalSession(auth.org.id, auth.actor, sessionRowId, { appId: app.id });
}

/**
 * Svix's expireAll: every active session of the application (or those carrying one of
 * `sessionIds`) ends in `expiry` seconds, at once when it is 0 or not given; audited.
 */
export async function expireAllPortalSessions(auth: AuthContext, appRef: string, input: ExpireAllIn) {
  const app = await findApplication(auth, appRef);
  const where = { appId: app.id, ...active(), ...(input.sessionIds?.length ? { sessionId: { in: input.sessionIds } } : {}) };
  const now = new Date();
  const { count } = input.expiry
    ? await db.portalSession.updateMany({
        where: { ...where, expiresAt: { gt: new Date(now.getTime() + input.expiry * 1000) } },
        data: { expiresAt: new Date(now.getTime() + input.expiry * 1000) },
      })
    : await db.portalSession.updateMany({ where, data: { revokedAt: now } });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "portal_session.revoked",
    targetType: "application",
    targetId: app.id,
    data: { sessions: count, expiry: input.expiry ?? 0, ...(input.sessionIds?.length ? { sessionIds: input.sessionIds } : {}) },
  });
}
