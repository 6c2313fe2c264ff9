import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { watchSignInLimit } from "@/lib/auth/sign-in-limit";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handle";
import { otherMethods } from "@/lib/http/other-methods";
import { readBody } from "@/lib/http/read-json";
import { errorField, log } from "@/lib/ops/log";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's own answer, except that its errors become Pigeon's JSON errors: it throws on
 * actions it does not know and answers others in plain text.
 */
async function nextAuth(request: NextRequest, context: Context): Promise<Response> {
  let response: Response;
  try {
    response = await NextAuth(authOptions())(request, context);
  } catch (error) {
    log().warn({ err: errorField(error), url: request.url }, "sign-in request refused");
    throw new AppError("bad_request", "This sign-in request is not supported");
  }
  if (response.status < 400 || /json/.test(response.headers.get("content-type") ?? "")) return response;
  const text = await response.text();
  throw new AppError(
    response.status === 404 ? "not_found" : "bad_request",
    text.replace(/^Error: /, "").slice(0, 200) || "This sign-in request is not supported",
  );
}

// GET /api/auth/* — next-auth: session, csrf, providers, sign-out page
export const GET = handle(nextAuth);

// POST /api/auth/* — next-auth, with the body read first (never beyond PIGEON_MAX_BODY_BYTES);
// a password sign-in is refused with 429 while its account or address is over the limit of
// wrong passwords (checked inside authorize(), on the values it checks).
export const POST = handle(async (incoming: Request, context: Context) => {
  const body = await readBody(incoming);
  if (/json/i.test(incoming.headers.get("content-type") ?? "") && body.trim()) {
    try {
      JSON.parse(body);
    } catch {
      throw new AppError("bad_request", "The request body is not valid JSON");
    }
  }
  const request = new NextRequest(incoming.url, { method: "POST", headers: incoming.headers, body });
  const { result, retryAfter } = await watchSignInLimit(() => nextAuth(request, context));
  if (!retryAfter) return result;
  // `url` lets next-auth's client read the refusal like any other sign-in error.
  return Response.json(
    {
      code: "rate_limited",
      detail: `Too many failed sign-in attempts. Try again in ${retryAfter} s.`,
      url: `${env().PUBLIC_URL}/login?error=RateLimited&retryAfter=${retryAfter}`,
    },
    { status: 429, headers: { "retry-after": String(retryAfter) } },
  );
});

// PUT, PATCH, DELETE — 405 with the methods allowed here
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
