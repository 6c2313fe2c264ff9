import { z } from "zod";

const GITHUB_API = "https://api.github.com";

/** What an OAuth sign-in tells us about the person: the provider, its profile and the account's token. */
export interface OAuthSignIn {
  provider: string;
  email?: string | null;
  name?: string | null;
  /** The provider's own profile (Google's carries `email_verified`). */
  profile?: object;
  accessToken?: string;
}

const ZGithubEmails = z.array(z.object({ email: z.string(), verified: z.boolean() }));

/**
 * The sign-in's email, lower-cased, when the provider has verified that it belongs to the
 * person; null otherwise. Google says so in its profile; GitHub's profile does not, so its
 * list of the account's emails is asked (the `user:email` scope next-auth requests).
 */
export async function verifiedOAuthEmail(signIn: OAuthSignIn, githubApi = GITHUB_API): Promise<string | null> {
  const email = signIn.email?.trim().toLowerCase();
  if (!email) return null;
  if (signIn.provider === "google") return (signIn.profile as { email_verified?: unknown } | undefined)?.email_verified === true ? email : null;
  if (signIn.provider !== "github" || !signIn.accessToken) return null;
  const response = await fetch(`${githubApi}/user/emails`, {
    headers: { authorization: `Bearer ${signIn.accessToken}`, accept: "application/vnd.github+json", "user-agent": "Pigeon" },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) return null;
  const emails = ZGithubEmails.safeParse(await response.json().catch(() => null));
  const listed = emails.success ? emails.data.find((entry) => entry.email.toLowerCase() === email) : undefined;
  return listed?.verified ? email : null;
}
