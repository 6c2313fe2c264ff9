import type { Actor } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashToken, randomToken } from "@/lib/crypto/random-token";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { runAfterResponse } from "@/lib/ops/background-work";
import { errorField, log } from "@/lib/ops/log";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import type { TForgotPasswordInput } from "../schemas";
import { passwordResetEmail } from "./reset-email";

export const RESET_TOKEN_MINUTES = 30;
export const RESET_TOKEN_PREFIX = "pwr_";

/** The one answer to every accepted request, whether or not an account uses the address. */
export const RESET_REQUESTED = `If an account uses that address, we sent it a link to choose a new password. The link expires in ${RESET_TOKEN_MINUTES} minutes.`;

// At most 3 emails an hour to one address (more requests get the same answer, and no email),
// and 10 requests per client address in 15 minutes (429 beyond).
export const RESET_LIMITS = {
  address: { limit: 3, windowSeconds: 3600 },
  ip: { limit: 10, windowSeconds: 15 * 60 },
};

/** Whether "forgot password" is offered: only when Pigeon can send email. */
export const passwordResetAvailable = () => Boolean(env().SMTP_URL);

/**
 * "Forgot password": emails a one-time link when an account uses the address. The caller
 * answers the same whatever happened here, and the token, the email and the audit entry are
 * made after the answer has gone out, so neither the answer nor its timing tells whether the
 * account exists. Only the client address's limit is answered (429).
 */
export async function requestPasswordReset({ email }: TForgotPasswordInput, actor: Actor & { ip: string }): Promise<void> {
  if (!passwordResetAvailable()) {
    throw new AppError("not_found", "Password reset by email is not available on this Pigeon; ask an admin of your organization for help");
  }
  const ipLimit = await hitRateLimit(`reset:ip:${actor.ip}`, RESET_LIMITS.ip);
  if (!ipLimit.allowed) {
    throw new AppError("rate_limited", `Too many password reset requests from your address. Try again in ${ipLimit.retryAfterSeconds} s.`, {
      headers: { "retry-after": String(ipLimit.retryAfterSeconds) },
    });
  }
  const addressLimit = await hitRateLimit(`reset:address:${email}`, RESET_LIMITS.address);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user || !addressLimit.allowed) return;
  runAfterResponse("password reset email", async () => {
    try {
      await sendResetLink(user, actor);
    } catch (error) {
      log().error({ err: errorField(error), userId: user.id }, "password reset email failed");
    }
  });
}

async function sendResetLink(user: { id: string; email: string }, actor: Actor & { ip: string }) {
  const token = randomToken(RESET_TOKEN_PREFIX, 32);
  await db.passwordReset.create({
    data: {
      id: newId("passwordReset"),
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000),
      requestedIp: actor.ip,
    },
  });
  const link = `${env().PUBLIC_URL}/reset-password?token=${encodeURIComponent(token)}`;
  await sendEmail(passwordResetEmail({ to: user.email, link, minutes: RESET_TOKEN_MINUTES }));
  const memberships = await db.membership.findMany({ where: { userId: user.id }, select: { orgId: true } });
  for (const orgId of memberships.length ? memberships.map((m) => m.orgId) : [null]) {
    await recordAuditEvent({ orgId, actor: { ip: actor.ip }, action: "password.reset_requested", targetType: "user", targetId: user.id });
  }
}
