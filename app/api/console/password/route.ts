import { cookies } from "next/headers";
import { sessionCookie } from "@/lib/auth/session-token";
import { withUser } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { changePassword } from "@/lib/users/change-password";
import { ZChangePasswordInput } from "@/lib/users/schemas";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// POST /api/console/password — change the signed-in user's password
export const POST = withUser(async (request, { user, ip }) => {
  const updated = await changePassword(user.id, ZChangePasswordInput.parse(await readJson(request)), { userId: user.id, ip });
  // The change ended every session of this user; this browser gets one at the new version.
  const cookie = await sessionCookie(updated);
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
  return new Response(null, { status: 204 });
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
