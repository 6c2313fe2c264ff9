import type { Actor } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { TCreateOrganizationInput } from "@/lib/team/schemas";

/** A signed-in user starts another organization and owns it. */
export async function createOrganization(userId: string, { name }: TCreateOrganizationInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { id: newId("org"), name } });
    await tx.membership.create({ data: { id: newId("membership"), orgId: org.id, userId, role: "owner" } });
    await recordAuditEvent({ orgId: org.id, actor, action: "organization.created", targetType: "organization", targetId: org.id }, tx);
    return { id: org.id, name: org.name };
  });
}
