import type { Db, Prisma } from "@/lib/db";
import { db as defaultDb } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { AuditAction } from "./actions";

export interface Actor {
  userId?: string;
  apiKeyId?: string;
  /** A customer portal session (its row id), for what a customer changed. */
  portalSessionId?: string;
  ip?: string;
}

export type { AuditAction };

type Client = Pick<Db, "auditEvent"> | Prisma.TransactionClient;

/** Appends one entry to an organization's audit log. */
export async function recordAuditEvent(
  event: { orgId: string | null; actor: Actor; action: AuditAction; targetType?: string; targetId?: string; data?: Prisma.InputJsonValue },
  client: Client = defaultDb,
): Promise<void> {
  await client.auditEvent.create({
    data: {
      id: newId("audit"),
      orgId: event.orgId,
      actorUserId: event.actor.userId,
      actorKeyId: event.actor.apiKeyId,
      actorPortalSessionId: event.actor.portalSessionId,
      ip: event.actor.ip,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      data: event.data ?? {},
    },
  });
}
