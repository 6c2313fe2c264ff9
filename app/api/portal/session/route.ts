import { assertSameOrigin } from "@/lib/auth/with-org";
import { AppError, toAppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { handle } from "@/lib/http/handle";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";
import { authenticatePortalToken } from "@/lib/portal/authenticate-portal-token";
import { logoutPortalToken } from "@/lib/portal/logout-portal-session";
import { clearedPortalCookie, PORTAL_COOKIE, portalCookie, readCookie } from "@/lib/portal/portal-cookie";
import { isPortalToken } from "@/lib/portal/portal-token";
import { ZPortalSessionIn } from "@/lib/portal/schemas";
import { serializePortalSession } from "@/lib/portal/serialize-portal-session";

export const dynamic = "force-dynamic";

const expired = () => new AppError("unauthorized", "This portal link has expired or was revoked; ask for a new one");

// POST /api/portal/session — exchange the link's token for the portal's http-only cookie
export const POST = handle(async (request: Request) => {
  assertSameOrigin(request);
  const { token } = ZPortalSessionIn.parse(await readJson(request, { maxBytes: 4096 }));
  const found = isPortalToken(token) ? await authenticatePortalToken(token) : null;
  if (!found) throw expired();
  return Response.json(serializePortalSession(found), { headers: { "set-cookie": portalCookie(token, found.session.expiresAt) } });
});

// GET /api/portal/session — the portal's session, from its cookie
export const GET = handle(async (request: Request) => {
  const token = readCookie(request, PORTAL_COOKIE);
  const found = token ? await authenticatePortalToken(token) : null;
  if (!found) throw expired();
  return Response.json(serializePortalSession(found));
});

// DELETE /api/portal/session — log out: the session ends and the cookie is cleared
export const DELETE = handle(async (request: Request) => {
  assertSameOrigin(request);
  const token = readCookie(request, PORTAL_COOKIE);
  // Ending a session that has ended already still clears the cookie.
  if (token)
    await logoutPortalToken(token, clientIp(request.headers)).catch((error: unknown) => {
      if (toAppError(error).status >= 500) throw error;
    });
  return new Response(null, { status: 204, headers: { "set-cookie": clearedPortalCookie() } });
});

// PUT, PATCH — 405 with the methods allowed here
export const { PUT, PATCH } = otherMethods("GET", "POST", "DELETE");
