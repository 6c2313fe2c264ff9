import type { IncomingMessage } from "node:http";
import { hashToken } from "@/lib/crypto/random-token";
import { db } from "@/lib/db";
import { portalFrameHeaders as framedBy } from "@/lib/http/security-headers";
import { PORTAL_COOKIE } from "./portal-cookie";
import { frameAncestorsOf } from "./portal-settings";

// Who may frame a portal page: the organization of the application in its address
// (`/portal/{app_id}`, so the very first load of a magic link inside the operator's iframe
// is allowed, before any cookie), else of the session in its cookie; Pigeon alone otherwise.

async function organizationOrigins(path: string, cookie: string | undefined): Promise<string[]> {
  const appId = /^\/portal\/(app_[0-9A-Za-z]+)(?:[/?]|$)/.exec(path)?.[1];
  if (appId) {
    const app = await db.application.findUnique({ where: { id: appId }, select: { operational: true, org: { select: { portalFrameAncestors: true } } } });
    if (app && !app.operational) return frameAncestorsOf(app.org.portalFrameAncestors);
  }
  const token = cookie
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${PORTAL_COOKIE}=`))
    ?.slice(PORTAL_COOKIE.length + 1);
  if (!token) return [];
  const session = await db.portalSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { revokedAt: true, expiresAt: true, org: { select: { portalFrameAncestors: true } } },
  });
  return session && !session.revokedAt && session.expiresAt.getTime() > Date.now() ? frameAncestorsOf(session.org.portalFrameAncestors) : [];
}

/** The request guard's hook: the framing headers of a portal page's answer, null for any other request. */
export function portalFrameHeaders(request: IncomingMessage): Promise<Record<string, string | null>> | null {
  const path = request.url ?? "/";
  if (!(path === "/portal" || path.startsWith("/portal/") || path.startsWith("/portal?"))) return null;
  return organizationOrigins(path, request.headers.cookie).then((origins) => framedBy(process.env.NODE_ENV === "development", origins));
}
