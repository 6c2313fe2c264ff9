import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hasRole } from "@/lib/auth/roles";
import { db, type Prisma, type Role } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { TChangeRoleInput } from "./schemas";

type Member = Prisma.MembershipGetPayload<{ include: { user: { select: { email: true } } } }>;

/**
 * Runs a change to one member in a transaction that first locks the organization's row, so
 * changes within one organization happen one after the other and each sees the last: two
 * owners demoting each other cannot both pass the last-owner check. Writing the row (to
 * itself) locks it on both databases: PostgreSQL's row lock, SQLite's write lock.
 */
async function changeMember<T>(auth: AuthContext, membershipId: string, change: (member: Member, tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE "Organization" SET "name" = "name" WHERE "id" = ${auth.org.id}`;
    const member = await tx.membership.findFirst({ where: { id: membershipId, orgId: auth.org.id }, include: { user: { select: { email: true } } } });
    if (!member) throw notFound("Member");
    return change(member, tx);
  });
}

async function assertAnotherOwnerRemains(tx: Prisma.TransactionClient, orgId: string) {
  const owners = await tx.membership.count({ where: { orgId, role: "owner" } });
  if (owners <= 1) throw new AppError("conflict", "An organization needs at least one owner. Make someone else owner first.");
}

function assertMayManage(auth: AuthContext, current: Role, next?: Role) {
  if (current === "owner" && auth.role !== "owner") throw new AppError("forbidden", "Only an owner can change or remove an owner.");
  if (next && !hasRole(auth.role, next)) throw new AppError("forbidden", `Only an ${next} or above can grant the ${next} role.`);
}

export async function changeMemberRole(auth: AuthContext, membershipId: string, { role }: TChangeRoleInput) {
  return changeMember(auth, membershipId, async (member, tx) => {
    assertMayManage(auth, member.role, role);
    if (member.role === "owner" && role !== "owner") await assertAnotherOwnerRemains(tx, auth.org.id);
    const updated = await tx.membership.update({ where: { id: member.id }, data: { role } });
    await recordAuditEvent(
      {
        orgId: auth.org.id,
        actor: auth.actor,
        action: "member.role_changed",
        targetType: "membership",
        targetId: member.id,
        data: { email: member.user.email, from: member.role, to: role },
      },
      tx,
    );
    return updated;
  });
}

export async function removeMember(auth: AuthContext, membershipId: string) {
  await changeMember(auth, membershipId, async (member, tx) => {
    assertMayManage(auth, member.role);
    if (member.role === "owner") await assertAnotherOwnerRemains(tx, auth.org.id);
    await tx.membership.delete({ where: { id: member.id } });
    // Their sessions end too, whatever else they still belong to.
    await tx.user.update({ where: { id: member.userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAuditEvent(
      {
        orgId: auth.org.id,
        actor: auth.actor,
        action: "member.removed",
        targetType: "membership",
        targetId: member.id,
        data: { email: member.user.email, role: member.role },
      },
      tx,
    );
  });
}

export async function revokeInvitation(auth: AuthContext, invitationId: string) {
  const invitation = await db.invitation.findFirst({ where: { id: invitationId, orgId: auth.org.id, acceptedAt: null, revokedAt: null } });
  if (!invitation) throw notFound("Invitation");
  await db.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "invitation.revoked",
    targetType: "invitation",
    targetId: invitation.id,
    data: { email: invitation.email },
  });
}
