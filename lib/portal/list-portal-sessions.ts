import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { storedCapabilities } from "./capabilities";

const MAX_LISTED = 200;

/** The application's portal sessions that still work, newest first, with who issued each. */
export async function listPortalSessions(auth: AuthContext, appRef: string) {
  const app = await findApplication(auth, appRef);
  const rows = await db.portalSession.findMany({
    where: { appId: app.id, orgId: auth.org.id, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { id: "desc" },
    take: MAX_LISTED,
  });
  const userIds = [...new Set(rows.flatMap((r) => (r.issuedByUserId ? [r.issuedByUserId] : [])))];
  const keyIds = [...new Set(rows.flatMap((r) => (r.issuedByKeyId ? [r.issuedByKeyId] : [])))];
  const [users, keys] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    db.apiKey.findMany({ where: { id: { in: keyIds }, orgId: auth.org.id }, select: { id: true, name: true } }),
  ]);
  const issuer = (row: (typeof rows)[number]) => {
    const user = users.find((u) => u.id === row.issuedByUserId);
    if (user) return { kind: "user" as const, id: user.id, name: user.name || user.email };
    const key = keys.find((k) => k.id === row.issuedByKeyId);
    return key ? { kind: "apiKey" as const, id: key.id, name: key.name } : null;
  };
  return {
    data: rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      capabilities: storedCapabilities(row.capabilities),
      readOnly: row.readOnly,
      sessionId: row.sessionId,
      issuedBy: issuer(row),
    })),
  };
}
