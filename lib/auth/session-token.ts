import { encode, type JWT } from "next-auth/jwt";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { authSecret } from "./auth-secret";

// Sessions are next-auth JWTs in a cookie, valid for 30 days. Each carries the user's
// sessionVersion; raising it (a password change, removal from an organization) ends every
// session that carries an older one.

export const SESSION_MAX_AGE = 30 * 24 * 3600;

/** The session's user: read once per request, with the session. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

type CurrentUser = SessionUser & { sessionVersion: number };

/** Thrown from the jwt callback: next-auth then treats the request as signed out and clears the cookie where it can. */
export class SessionEnded extends Error {}

/** Over https next-auth names its cookies `__Secure-…` and marks them Secure. */
export const secureCookies = () => (process.env.NEXTAUTH_URL ?? env().PUBLIC_URL).startsWith("https://");

const claims = (user: CurrentUser): JWT => ({ sub: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion });

/**
 * next-auth's jwt callback, at sign-in (`signedInUserId`) and on every use of a session:
 * reads the user and ends the session when they are gone or their sessionVersion has moved
 * on. Tokens made before versions existed count as version 0.
 */
export async function checkSessionToken(token: JWT, signedInUserId?: string): Promise<JWT> {
  const id = signedInUserId ?? token.sub;
  const user = id ? await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, sessionVersion: true } }) : null;
  if (!user) throw new SessionEnded("The session's user no longer exists");
  if (!signedInUserId && (token.sessionVersion ?? 0) !== user.sessionVersion) throw new SessionEnded("The session was ended");
  return { ...token, ...claims(user) };
}

/** A new session cookie for `user` at their current version, as next-auth would write it. */
export async function sessionCookie(user: CurrentUser) {
  const secure = secureCookies();
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    value: await encode({ token: claims(user), secret: authSecret(), maxAge: SESSION_MAX_AGE }),
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure, maxAge: SESSION_MAX_AGE },
  };
}
