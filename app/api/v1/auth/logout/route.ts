import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { handle } from "@/lib/http/handle";
import { otherMethods } from "@/lib/http/other-methods";
import { logoutPortalToken } from "@/lib/portal/logout-portal-session";

export const dynamic = "force-dynamic";

// POST /api/v1/auth/logout — a customer portal token ends its own session (Svix's logout)
export const POST = handle(async (request: Request) => {
  const token = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new AppError("unauthorized", "Send the portal token as `Authorization: Bearer <token>`");
  await logoutPortalToken(token, clientIp(request.headers));
  return new Response(null, { status: 204 });
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
