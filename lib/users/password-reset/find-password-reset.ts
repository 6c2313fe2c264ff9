import { hashToken } from "@/lib/crypto/random-token";
import { db } from "@/lib/db";
import { RESET_TOKEN_PREFIX } from "./request-password-reset";

/** Why a reset link cannot be used, in words for the person holding it. */
export const UNUSABLE_RESET_LINK = "This password reset link has expired or was already used. Request a new one.";

/** The reset a token opens, while it is unused and unexpired; null otherwise (unknown, used, expired). */
export async function findUsablePasswordReset(token: string) {
  if (!token.startsWith(RESET_TOKEN_PREFIX) || token.length > 200) return null;
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, expiresAt: true, usedAt: true },
  });
  if (!reset || reset.usedAt || reset.expiresAt <= new Date()) return null;
  return reset;
}
