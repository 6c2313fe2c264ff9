import type { Actor } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { findUsableInvitation } from "@/lib/team/find-usable-invitation";
import type { TSignUpInput } from "./schemas";
import { signUpAllowed } from "./sign-up-allowed";

/**
 * Creates a user. Without an invitation they get their own organization as its owner; with
 * one they join the inviting organization with the invited role. With ALLOW_SIGNUP=false
 * only the first user of an empty install, or an invited one, may sign up.
 */
export async function signUp(data: TSignUpInput, actor: Actor) {
  const invitation = data.inviteToken ? await findUsableInvitation(data.inviteToken) : null;
  if (invitation && invitation.email !== data.email) {
    throw new AppError("validation", `email: this invitation is for ${invitation.email}`);
  }
  if (!invitation && !(await signUpAllowed())) {
    throw new AppError("forbidden", "Sign-up is by invitation only on this Pigeon. Ask an admin of your organization to invite you.");
  }
  if (await db.user.findUnique({ where: { email: data.email } })) {
    throw new AppError("conflict", "An account with this email already exists. Sign in instead.");
  }
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { id: newId("user"), email: data.email, name: data.name, passwordHash } });
    let orgId: string;
    if (invitation) {
      orgId = invitation.orgId;
      await tx.membership.create({ data: { id: newId("membership"), orgId, userId: user.id, role: invitation.role } });
      await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
      await recordAuditEvent(
        {
          orgId,
          actor: { ...actor, userId: user.id },
          action: "invitation.accepted",
          targetType: "invitation",
          targetId: invitation.id,
          data: { role: invitation.role },
        },
        tx,
      );
    } else {
      const org = await tx.organization.create({ data: { id: newId("org"), name: data.organizationName || `${data.name}'s organization` } });
      orgId = org.id;
      await tx.membership.create({ data: { id: newId("membership"), orgId, userId: user.id, role: "owner" } });
    }
    await recordAuditEvent({ orgId, actor: { ...actor, userId: user.id }, action: "signup", targetType: "user", targetId: user.id }, tx);
    return { userId: user.id, orgId };
  });
}
