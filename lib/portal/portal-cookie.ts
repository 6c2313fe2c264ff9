import { env } from "@/lib/env";

// The portal's pages hold their session in this http-only cookie, exchanged for the link's
// token on first load. SameSite=None (with Secure, which browsers also accept on
// http://localhost) lets the portal work inside a cross-site iframe; Partitioned keeps it
// working where third-party cookies are blocked (the cookie then belongs to that embedding).
export const PORTAL_COOKIE = "pigeon_portal";

const ATTRIBUTES = "Path=/; HttpOnly; Secure; SameSite=None; Partitioned";

/** The cookie `name` of a request, or null. */
export function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || null;
  }
  return null;
}

export function portalCookie(token: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${PORTAL_COOKIE}=${token}; Max-Age=${maxAge}; ${ATTRIBUTES}`;
}

export const clearedPortalCookie = () => `${PORTAL_COOKIE}=; Max-Age=0; ${ATTRIBUTES}`;

/**
 * Whether a request comes from one of the portal's own pages (its Referer: a `/portal/`
 * page of this server). A team member signed in to the console who opens a portal holds
 * both cookies; the portal's pages then act as the portal, the console's as the person.
 */
export function fromPortalPage(request: Request): boolean {
  const referer = request.headers.get("referer");
  const url = referer && URL.canParse(referer) ? new URL(referer) : null;
  if (!url || !(url.pathname === "/portal" || url.pathname.startsWith("/portal/"))) return false;
  return url.host === request.headers.get("host") || url.origin === new URL(env().PUBLIC_URL).origin;
}
