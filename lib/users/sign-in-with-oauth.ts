import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { signUpAllowed } from "./sign-up-allowed";
import { type OAuthSignIn, verifiedOAuthEmail } from "./verified-oauth-email";

/**
 * The Pigeon user behind an OAuth sign-in (GitHub, Google), matched by email once the
 * provider has verified that email; an unverified one matches and creates nobody. A first
 * sign-in creates the user and their organization when sign-up is open.
 */
export async function userForOAuth(signIn: OAuthSignIn, options: { githubApi?: string } = {}): Promise<string | null> {
  const email = await verifiedOAuthEmail(signIn, options.githubApi);
  if (!email) return null;
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) {
    await db.user.update({ where: { id: existing.id }, data: { lastLoginAt: new Date() } });
    return existing.id;
  }
  if (!(await signUpAllowed())) return null;
  const name = signIn.name?.trim() || email;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { id: newId("user"), email, name, lastLoginAt: new Date() } });
    const org = await tx.organization.create({ data: { id: newId("org"), name: `${name}'s organization` } });
    await tx.membership.create({ data: { id: newId("membership"), orgId: org.id, userId: user.id, role: "owner" } });
    await recordAuditEvent({ orgId: org.id, actor: { userId: user.id }, action: "signup", targetType: "user", targetId: user.id, data: { via: "oauth" } }, tx);
    return user.id;
  });
}
