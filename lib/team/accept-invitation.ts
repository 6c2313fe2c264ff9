import type { Actor } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { findUsableInvitation } from "./find-usable-invitation";

/** A signed-in user accepts an invitation addressed to their email and joins the org. */
export async function acceptInvitation(token: string, user: { id: string; email: string }, actor: Actor) {
  const invitation = await findUsableInvitation(token);
  if (invitation.email !== user.email.toLowerCase()) {
    throw new AppError("forbidden", `This invitation is for ${invitation.email}; you are signed in as ${user.email}.`);
  }
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findUnique({ where: { orgId_userId: { orgId: invitation.orgId, userId: user.id } } });
    if (!member) await tx.membership.create({ data: { id: newId("membership"), orgId: invitation.orgId, userId: user.id, role: invitation.role } });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
    await recordAuditEvent(
      { orgId: invitation.orgId, actor, action: "invitation.accepted", targetType: "invitation", targetId: invitation.id, data: { role: invitation.role } },
      tx,
    );
  });
  return { orgId: invitation.orgId, role: invitation.role };
}
