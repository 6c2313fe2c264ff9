import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { log } from "@/lib/ops/log";

/** Renames the organization (admins; audited). */
export async function renameOrganization(auth: AuthContext, name: string) {
  const before = await db.organization.findUniqueOrThrow({ where: { id: auth.org.id }, select: { name: true } });
  const org = await db.organization.update({ where: { id: auth.org.id }, data: { name }, select: { id: true, name: true } });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "organization.renamed",
    targetType: "organization",
    targetId: auth.org.id,
    data: { from: before.name, to: name },
  });
  return org;
}

/**
 * Deletes the organization with everything in it — applications, endpoints, messages, keys,
 * members' access — at once (owners only). `confirmName` must be its exact name. Its audit
 * log goes with it, so the deletion is written to the server's log instead.
 */
export async function deleteOrganization(auth: AuthContext, confirmName: string | null) {
  const org = await db.organization.findUniqueOrThrow({ where: { id: auth.org.id }, select: { id: true, name: true } });
  if (confirmName !== org.name) throw invalid(["query", "name"], `must be the organization's exact name ("${org.name}") to confirm`);
  await db.organization.delete({ where: { id: org.id } });
  log().warn({ orgId: org.id, name: org.name, actor: auth.actor }, "organization deleted");
}
