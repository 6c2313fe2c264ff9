import { clientIp } from "@/lib/http/client-ip";
import { handle } from "@/lib/http/handle";
import { otherMethods } from "@/lib/http/other-methods";
import { readJson } from "@/lib/http/read-json";
import { RESET_REQUESTED, requestPasswordReset } from "@/lib/users/password-reset/request-password-reset";
import { ZForgotPasswordInput } from "@/lib/users/schemas";

export const dynamic = "force-dynamic";

// POST /api/console/password-reset — "forgot password": email a one-time link (the same answer whether or not the account exists)
export const POST = handle(async (request: Request) => {
  const input = ZForgotPasswordInput.parse(await readJson(request));
  await requestPasswordReset(input, { ip: clientIp(request.headers) });
  return Response.json({ detail: RESET_REQUESTED }, { status: 202 });
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
