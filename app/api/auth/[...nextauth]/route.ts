import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { watchSignInLimit } from "@/lib/auth/sign-in-limit";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

const nextAuth = (request: NextRequest, context: Context) => NextAuth(authOptions())(request, context);

// GET /api/auth/* — next-auth: session, csrf, providers, sign-out page
export const GET = nextAuth;

// POST /api/auth/* — next-auth; a password sign-in is refused with 429 while its account
// or address is over the limit of wrong passwords (checked inside authorize()).
export async function POST(request: NextRequest, context: Context) {
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
}
