import { hashToken } from "@/lib/crypto/random-token";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** The invitation a link's token stands for, if it is still unused, unrevoked and unexpired. */
export async function findUsableInvitation(token: string) {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { org: { select: { name: true } } } });
  if (!invitation) throw new AppError("not_found", "This invitation link is not valid.");
  if (invitation.acceptedAt) throw new AppError("conflict", "This invitation has already been used.");
  if (invitation.revokedAt) throw new AppError("not_found", "This invitation was revoked. Ask for a new one.");
  if (invitation.expiresAt <= new Date()) throw new AppError("not_found", "This invitation has expired. Ask for a new one.");
  return invitation;
}
