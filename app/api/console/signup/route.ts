import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { handle } from "@/lib/http/handle";
import { readJson } from "@/lib/http/read-json";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { signUp } from "@/lib/users/sign-up";
import { ZSignUpInput } from "@/lib/users/schemas";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// POST /api/console/signup — create an account (and its organization, or join by invitation)
export const POST = handle(async (request: Request) => {
  const ip = clientIp(request.headers);
  const limit = await hitRateLimit(`signup:ip:${ip}`, { limit: env().PIGEON_SIGNUP_LIMIT_PER_HOUR, windowSeconds: 3600 });
  if (!limit.allowed) {
    throw new AppError("rate_limited", `Too many sign-ups from your address. Try again in ${limit.retryAfterSeconds} s.`, {
      headers: { "retry-after": String(limit.retryAfterSeconds) },
    });
  }
  const input = ZSignUpInput.parse(await readJson(request));
  const result = await signUp(input, { ip });
  return Response.json(result, { status: 201 });
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
