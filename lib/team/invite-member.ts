import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hasRole } from "@/lib/auth/roles";
import { hashToken, randomToken } from "@/lib/crypto/random-token";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { TInviteMemberInput } from "./schemas";

const SEVEN_DAYS = 7 * 24 * 3600 * 1000;

/** Invites an email with a role; the link is returned to the admin and emailed when SMTP is set. */
export async function inviteMember(auth: AuthContext, data: TInviteMemberInput) {
  if (!hasRole(auth.role, data.role)) throw new AppError("forbidden", `Only an ${data.role} or above can invite an ${data.role}.`);
  const existing = await db.membership.findFirst({ where: { orgId: auth.org.id, user: { email: data.email } } });
  if (existing) throw new AppError("conflict", `${data.email} is already a member of ${auth.org.name}.`);
  const token = randomToken("inv_", 32);
  const invitation = await db.invitation.create({
    data: {
      id: newId("invitation"),
      orgId: auth.org.id,
      email: data.email,
      role: data.role,
      tokenHash: hashToken(token),
      invitedById: auth.user?.id,
      expiresAt: new Date(Date.now() + SEVEN_DAYS),
    },
  });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "invitation.created",
    targetType: "invitation",
    targetId: invitation.id,
    data: { email: data.email, role: data.role },
  });
  const link = `${env().PUBLIC_URL}/invite/${token}`;
  const emailed = await sendEmail({
    to: data.email,
    subject: `You're invited to ${auth.org.name} on Pigeon`,
    text: `${auth.user?.name || "A teammate"} invited you to join ${auth.org.name} on Pigeon as ${data.role}.\n\nAccept the invitation: ${link}\n\nThe link works once and expires in 7 days.`,
  }).catch(() => false);
  return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, link, emailed };
}
