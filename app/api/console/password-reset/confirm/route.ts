import { clientIp } from "@/lib/http/client-ip";
import { handle } from "@/lib/http/handle";
import { otherMethods } from "@/lib/http/other-methods";
import { readJson } from "@/lib/http/read-json";
import { resetPassword } from "@/lib/users/password-reset/reset-password";
import { ZResetPasswordInput } from "@/lib/users/schemas";

export const dynamic = "force-dynamic";

// POST /api/console/password-reset/confirm — set a new password with a reset link's token (once; ends every session)
export const POST = handle(async (request: Request) => {
  await resetPassword(ZResetPasswordInput.parse(await readJson(request)), { ip: clientIp(request.headers) });
  return new Response(null, { status: 204 });
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
