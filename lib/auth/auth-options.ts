import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { errorField, log } from "@/lib/ops/log";
import { authenticateUser } from "@/lib/users/authenticate-user";
import { userForOAuth } from "@/lib/users/sign-in-with-oauth";
import { authSecret } from "./auth-secret";
import { checkSessionToken, SESSION_MAX_AGE, SessionEnded, secureCookies } from "./session-token";
import { noteSignInLimited } from "./sign-in-limit";

function providers(): AuthOptions["providers"] {
  const { GITHUB_ID, GITHUB_SECRET, GOOGLE_ID, GOOGLE_SECRET } = env();
  const list: AuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const { user, retryAfter } = await authenticateUser(credentials, { ip: clientIp(new Headers(request.headers as Record<string, string>)) });
        if (retryAfter) noteSignInLimited(retryAfter);
        return user;
      },
    }),
  ];
  // OAuth sign-in switches on when its credentials are configured (see README).
  if (GITHUB_ID && GITHUB_SECRET) list.push(GithubProvider({ clientId: GITHUB_ID, clientSecret: GITHUB_SECRET }));
  if (GOOGLE_ID && GOOGLE_SECRET) list.push(GoogleProvider({ clientId: GOOGLE_ID, clientSecret: GOOGLE_SECRET }));
  return list;
}

/** The OAuth providers switched on by configuration, for the sign-in page's buttons. */
export function oauthProviders(): { id: string; name: string }[] {
  const { GITHUB_ID, GITHUB_SECRET, GOOGLE_ID, GOOGLE_SECRET } = env();
  return [...(GITHUB_ID && GITHUB_SECRET ? [{ id: "github", name: "GitHub" }] : []), ...(GOOGLE_ID && GOOGLE_SECRET ? [{ id: "google", name: "Google" }] : [])];
}

let options: AuthOptions | undefined;

export function authOptions(): AuthOptions {
  process.env.NEXTAUTH_URL ??= env().PUBLIC_URL;
  options ??= {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    callbacks: {
      // OAuth sign-ins are admitted only for (or as) a Pigeon user with that email, once the
      // provider has verified it.
      async signIn({ user, account, profile }) {
        if (!account || account.provider === "credentials") return true;
        const id = await userForOAuth({ provider: account.provider, email: user.email, name: user.name, profile, accessToken: account.access_token });
        if (!id) return false;
        // next-auth hands this same object to the jwt callback: the session is the Pigeon user's.
        user.id = id;
        return true;
      },
      // Every use of a session reads its user once, here, and may end it (session-token.ts).
      jwt: ({ token, user }) => checkSessionToken(token, user?.id),
      session: ({ session, token }) => ({ ...session, user: { id: token.sub, email: token.email, name: token.name } }),
    },
    logger: {
      // A session ended on purpose (password changed, member removed) is routine, not an error.
      error(code, metadata) {
        if (metadata instanceof SessionEnded) log().debug({ code }, "session ended");
        else log().error({ code, err: errorField(metadata) }, "sign-in error");
      },
    },
  };
  return options;
}
