import type { Actor } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { AppError, invalid } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import type { TResetPasswordInput } from "../schemas";
import { findUsablePasswordReset, UNUSABLE_RESET_LINK } from "./find-password-reset";

// Tokens are 32 random bytes, so guessing is hopeless; the limit keeps a client from trying.
const RESET_ATTEMPT_LIMIT = { limit: 20, windowSeconds: 15 * 60 };

/**
 * Sets a new password with a reset link's token. The token is taken once (a second use,
 * even a concurrent one, is refused), every other outstanding link of the user is spent
 * with it, and the user's sessionVersion is raised, which ends all their sessions.
 */
export async function resetPassword({ token, newPassword }: TResetPasswordInput, actor: Actor & { ip: string }): Promise<void> {
  const limit = await hitRateLimit(`reset:confirm:ip:${actor.ip}`, RESET_ATTEMPT_LIMIT);
  if (!limit.allowed) {
    throw new AppError("rate_limited", `Too many password reset attempts from your address. Try again in ${limit.retryAfterSeconds} s.`, {
      headers: { "retry-after": String(limit.retryAfterSeconds) },
    });
  }
  const reset = await findUsablePasswordReset(token);
  if (!reset) throw invalid(["body", "token"], UNUSABLE_RESET_LINK);
  // Hashed before the transaction: argon2 takes a while, and SQLite would hold its write lock meanwhile.
  const passwordHash = await hashPassword(newPassword);
  const now = new Date();
  const userId = await db.$transaction(async (tx) => {
    const taken = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (taken.count !== 1) throw invalid(["body", "token"], UNUSABLE_RESET_LINK);
    await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    return reset.userId;
  });
  const memberships = await db.membership.findMany({ where: { userId }, select: { orgId: true } });
  for (const orgId of memberships.length ? memberships.map((m) => m.orgId) : [null]) {
    await recordAuditEvent({ orgId, actor: { userId, ip: actor.ip }, action: "password.reset", targetType: "user", targetId: userId });
  }
}
