import { hashToken } from "@/lib/crypto/random-token";
import { db } from "@/lib/db";
import { orgLimits } from "@/lib/orgs/org-limits";
import { storedCapabilities } from "./capabilities";

const ORG = {
  id: true,
  name: true,
  apiRateLimit: true,
  maxPayloadBytes: true,
  portalDisplayName: true,
  portalLogoUrl: true,
  portalPrimaryColor: true,
} as const;

/** A portal token's session with its application and organization; null when unknown, expired or revoked. */
export async function authenticatePortalToken(token: string) {
  const row = await db.portalSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { app: { select: { id: true, uid: true, name: true } }, org: { select: ORG } },
  });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
  const { org, app, ...session } = row;
  return {
    session: { ...session, capabilities: storedCapabilities(session.capabilities) },
    app,
    org: { id: org.id, name: org.name, limits: orgLimits(org) },
    branding: { displayName: org.portalDisplayName, logoUrl: org.portalLogoUrl, primaryColor: org.portalPrimaryColor },
  };
}

export type PortalCaller = NonNullable<Awaited<ReturnType<typeof authenticatePortalToken>>>;
