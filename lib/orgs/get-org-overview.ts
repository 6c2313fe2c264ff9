import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";

/** Counts for the dashboard's getting-started steps. */
export async function getOrgOverview(auth: AuthContext) {
  const orgId = auth.org.id;
  const [members, apiKeys, applications, messages] = await Promise.all([
    db.membership.count({ where: { orgId } }),
    db.apiKey.count({ where: { orgId, revokedAt: null } }),
    db.application.count({ where: { orgId, operational: false } }),
    db.message.count({ where: { app: { orgId } } }),
  ]);
  return { members, apiKeys, applications, messages };
}
