import type { Actor } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { runAfterResponse } from "@/lib/ops/background-work";
import { hitRateLimit, resetRateLimit, takeBackRateLimitHit } from "@/lib/rate-limit/hit-rate-limit";
import { ZLoginInput } from "./schemas";

// At most 10 wrong passwords per account and 50 per address in a minute.
export const LOGIN_LIMITS = {
  account: { limit: 10, windowSeconds: 60 },
  ip: { limit: 50, windowSeconds: 60 },
};

const loginKeys = (email: string, ip: string) => ({ account: `login:account:${email}`, ip: `login:ip:${ip}` });

export interface LoginOutcome {
  user: { id: string; email: string; name: string } | null;
  /** Seconds to wait when the account or address is over its limit (the password was then not checked); else 0. */
  retryAfter: number;
}

/**
 * Checks email + password. Every attempt counts toward the limits before the password is
 * checked, so guesses sent in parallel cannot slip past them, and over a limit the
 * password is not checked at all. The right password clears the account's count and
 * takes its attempt back from the address's.
 */
export async function authenticateUser(input: unknown, actor: Actor): Promise<LoginOutcome> {
  const parsed = ZLoginInput.safeParse(input);
  if (!parsed.success) return { user: null, retryAfter: 0 };
  const { email, password } = parsed.data;
  const keys = loginKeys(email, actor.ip ?? "unknown");
  const limits = await Promise.all([hitRateLimit(keys.account, LOGIN_LIMITS.account), hitRateLimit(keys.ip, LOGIN_LIMITS.ip)]);
  const over = limits.filter((limit) => !limit.allowed);
  if (over.length) return { user: null, retryAfter: Math.max(...over.map((limit) => limit.retryAfterSeconds)) };

  const user = await db.user.findUnique({ where: { email } });
  // Unknown emails cost the same hashing work as real ones (verifyPassword), and a real
  // account's audit entry is written once the answer has gone out, so a refusal's timing
  // does not tell whether the account exists.
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    if (user) {
      runAfterResponse("login.failed audit", async () => {
        const membership = await db.membership.findFirst({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
        await recordAuditEvent({
          orgId: membership?.orgId ?? null,
          actor: { ...actor, userId: user.id },
          action: "login.failed",
          targetType: "user",
          targetId: user.id,
        });
      });
    }
    return { user: null, retryAfter: 0 };
  }
  await Promise.all([resetRateLimit(keys.account), takeBackRateLimitHit(keys.ip)]);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  const memberships = await db.membership.findMany({ where: { userId: user.id }, select: { orgId: true } });
  for (const { orgId } of memberships) {
    await recordAuditEvent({ orgId, actor: { ...actor, userId: user.id }, action: "login", targetType: "user", targetId: user.id });
  }
  return { user: { id: user.id, email: user.email, name: user.name }, retryAfter: 0 };
}
