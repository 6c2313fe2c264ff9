import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";

/** Members and pending invitations of the caller's organization. */
export async function listTeam(auth: AuthContext) {
  const [members, invitations] = await Promise.all([
    db.membership.findMany({
      where: { orgId: auth.org.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true, lastLoginAt: true } } },
    }),
    db.invitation.findMany({
      where: { orgId: auth.org.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    }),
  ]);
  return { members, invitations };
}
