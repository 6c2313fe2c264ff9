import type { Actor } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { hitRateLimit, peekRateLimit, resetRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { ZLoginInput } from "./schemas";

// At most 10 wrong passwords per account and 50 per address in a minute.
export const LOGIN_LIMITS = {
  account: { limit: 10, windowSeconds: 60 },
  ip: { limit: 50, windowSeconds: 60 },
};

export const loginKeys = (email: string, ip: string) => ({ account: `login:account:${email.toLowerCase()}`, ip: `login:ip:${ip}` });

/** How long until this account or address may try again (0 = now). */
export async function loginRetryAfter(email: string, ip: string): Promise<number> {
  const keys = loginKeys(email, ip);
  const [account, address] = await Promise.all([peekRateLimit(keys.account, LOGIN_LIMITS.account), peekRateLimit(keys.ip, LOGIN_LIMITS.ip)]);
  return Math.max(account.allowed ? 0 : account.retryAfterSeconds, address.allowed ? 0 : address.retryAfterSeconds);
}

/** Checks email + password; counts failures toward the rate limits. */
export async function authenticateUser(input: unknown, actor: Actor) {
  const parsed = ZLoginInput.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email } });
  const keys = loginKeys(email, actor.ip ?? "unknown");
  // Unknown emails cost the same hashing work as real ones (verifyPassword), so a refusal's
  // timing does not tell whether the account exists.
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await Promise.all([hitRateLimit(keys.account, LOGIN_LIMITS.account), hitRateLimit(keys.ip, LOGIN_LIMITS.ip)]);
    if (user) {
      const membership = await db.membership.findFirst({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
      await recordAuditEvent({ orgId: membership?.orgId ?? null, actor: { ...actor, userId: user.id }, action: "login.failed", targetType: "user", targetId: user.id });
    }
    return null;
  }
  await resetRateLimit(keys.account);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  const memberships = await db.membership.findMany({ where: { userId: user.id }, select: { orgId: true } });
  for (const { orgId } of memberships) {
    await recordAuditEvent({ orgId, actor: { ...actor, userId: user.id }, action: "login", targetType: "user", targetId: user.id });
  }
  return { id: user.id, email: user.email, name: user.name };
}
