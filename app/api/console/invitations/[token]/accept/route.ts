import { cookies } from "next/headers";
import { ACTIVE_ORG_COOKIE } from "@/lib/auth/session";
import { withUser } from "@/lib/auth/with-org";
import { acceptInvitation } from "@/lib/team/accept-invitation";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// POST /api/console/invitations/{token}/accept — the signed-in user joins the inviting org
export const POST = withUser<{ token: string }>(async (_request, { user, ip, params }) => {
  const result = await acceptInvitation(params.token, user, { userId: user.id, ip });
  (await cookies()).set(ACTIVE_ORG_COOKIE, result.orgId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
  return Response.json(result);
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
