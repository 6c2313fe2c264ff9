import type { Actor } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { AppError, invalid } from "@/lib/errors";
import { runAfterResponse } from "@/lib/ops/background-work";
import { errorField, log } from "@/lib/ops/log";
import { hitRateLimit, resetRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { LOGIN_LIMITS } from "./authenticate-user";
import { emailChangedEmail } from "./email-changed-email";
import type { TUpdateProfileInput } from "./schemas";

const TAKEN = "An account already uses this email address";

/**
 * Changes the signed-in user's name and/or email. A new email needs the current password
 * (guesses count against the same limit as a password change) and must be free. Sessions
 * carry the user's id, so the person stays signed in; the console reads the new values on
 * its next render. When Pigeon can send email, the old address is told of an email change.
 */
export async function updateProfile(userId: string, data: TUpdateProfileInput, actor: Actor) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, passwordHash: true } });
  const changes: { name?: string; email?: string } = {};
  if (data.name !== undefined && data.name !== user.name) changes.name = data.name;
  if (data.email !== undefined && data.email !== user.email) {
    const key = `password:user:${userId}`;
    const limit = await hitRateLimit(key, LOGIN_LIMITS.account);
    if (!limit.allowed) {
      throw new AppError("rate_limited", `Too many attempts with the wrong password. Try again in ${limit.retryAfterSeconds} s.`, {
        headers: { "retry-after": String(limit.retryAfterSeconds) },
      });
    }
    if (!data.currentPassword) throw invalid(["body", "currentPassword"], "is required to change your email");
    if (!(await verifyPassword(user.passwordHash, data.currentPassword))) throw invalid(["body", "currentPassword"], "is incorrect");
    await resetRateLimit(key);
    if (await db.user.findUnique({ where: { email: data.email }, select: { id: true } })) throw new AppError("conflict", TAKEN);
    changes.email = data.email;
  }
  if (!changes.name && !changes.email) return { id: user.id, email: user.email, name: user.name };
  const updated = await db.user
    .update({ where: { id: userId }, data: changes, select: { id: true, email: true, name: true } })
    .catch((error: { code?: string }) => Promise.reject(error?.code === "P2002" ? new AppError("conflict", TAKEN) : error));
  const audit = {
    ...(changes.name ? { name: { from: user.name, to: changes.name } } : {}),
    ...(changes.email ? { email: { from: user.email, to: changes.email } } : {}),
  };
  const memberships = await db.membership.findMany({ where: { userId }, select: { orgId: true } });
  for (const { orgId } of memberships) {
    await recordAuditEvent({ orgId, actor, action: "profile.updated", targetType: "user", targetId: userId, data: audit });
  }
  if (changes.email) {
    const email = emailChangedEmail({ from: user.email, to: changes.email, publicUrl: env().PUBLIC_URL });
    runAfterResponse("email changed notice", () =>
      sendEmail(email).then(
        () => undefined,
        (error: unknown) => log().error({ err: errorField(error), userId }, "email changed notice failed"),
      ),
    );
  }
  return updated;
}
