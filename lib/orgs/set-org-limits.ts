import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import type { OrgLimitsChange } from "./org-limits";

/** The operator's change of an organization's limits (null = the installation's default); audited. */
export async function setOrgLimits(db: Db, orgId: string, data: OrgLimitsChange) {
  const org = await db.organization.update({ where: { id: orgId }, data, select: { id: true, name: true, apiRateLimit: true, maxPayloadBytes: true } });
  await recordAuditEvent(
    {
      orgId,
      actor: {},
      action: "organization.limits_changed",
      targetType: "organization",
      targetId: orgId,
      data: { ...JSON.parse(JSON.stringify(data)), via: "cli" },
    },
    db,
  );
  return org;
}
