import { hashToken } from "@/lib/crypto/random-token";
import { db } from "@/lib/db";

const TOUCH_EVERY_MS = 60_000;

/** The organization and role of a bearer key, or null when it is unknown or revoked. */
export async function authenticateApiKey(key: string) {
  const row = await db.apiKey.findUnique({ where: { hash: hashToken(key) }, include: { org: { select: { id: true, name: true } } } });
  if (!row || row.revokedAt) return null;
  // "Last used" is shown to people; a minute's precision spares a write per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.id, role: row.role, org: row.org };
}
