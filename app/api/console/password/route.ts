import { withUser } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { changePassword } from "@/lib/users/change-password";
import { ZChangePasswordInput } from "@/lib/users/schemas";

export const dynamic = "force-dynamic";

// POST /api/console/password — change the signed-in user's password
export const POST = withUser(async (request, { user, ip }) => {
  await changePassword(user.id, ZChangePasswordInput.parse(await readJson(request)), { userId: user.id, ip });
  return new Response(null, { status: 204 });
});
