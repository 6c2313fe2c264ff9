import type { Actor } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hitRateLimit, resetRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { LOGIN_LIMITS } from "./authenticate-user";
import type { TChangePasswordInput } from "./schemas";

/**
 * Sets a new password and raises the user's sessionVersion, which ends all their sessions;
 * returns the user at the new version so the caller can re-issue the current one.
 */
export async function changePassword(userId: string, data: TChangePasswordInput, actor: Actor) {
  // A stolen session must not become a way to guess the password: as many tries as a sign-in.
  const key = `password:user:${userId}`;
  const limit = await hitRateLimit(key, LOGIN_LIMITS.account);
  if (!limit.allowed) {
    throw new AppError("rate_limited", `Too many attempts to change the password. Try again in ${limit.retryAfterSeconds} s.`, {
      headers: { "retry-after": String(limit.retryAfterSeconds) },
    });
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new AppError("validation", "currentPassword: is incorrect", {
      detail: [{ loc: ["body", "currentPassword"], msg: "is incorrect", type: "value_error" }],
    });
  }
  const updated = await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(data.newPassword), sessionVersion: { increment: 1 } },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
  await resetRateLimit(key);
  const memberships = await db.membership.findMany({ where: { userId }, select: { orgId: true } });
  for (const { orgId } of memberships) {
    await recordAuditEvent({ orgId, actor, action: "password.changed", targetType: "user", targetId: userId });
  }
  return updated;
}
