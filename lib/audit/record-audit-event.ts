import type { Db, Prisma } from "@/lib/db";
import { db as defaultDb } from "@/lib/db";
import { newId } from "@/lib/ids";

export interface Actor {
  userId?: string;
  apiKeyId?: string;
  /** A customer portal session (its row id), for what a customer changed. */
  portalSessionId?: string;
  ip?: string;
}

export type AuditAction =
  | "login"
  | "login.failed"
  | "signup"
  | "password.changed"
  | "password.reset_requested"
  | "password.reset"
  | "profile.updated"
  | "organization.created"
  | "organization.renamed"
  | "organization.limits_changed"
  | "invitation.created"
  | "invitation.accepted"
  | "invitation.revoked"
  | "member.role_changed"
  | "member.removed"
  | "api_key.created"
  | "api_key.revoked"
  | "application.created"
  | "application.updated"
  | "application.deleted"
  | "endpoint.created"
  | "endpoint.updated"
  | "endpoint.deleted"
  | "endpoint.secret_revealed"
  | "endpoint.secret_rotated"
  | "endpoint.token_rotated"
  | "endpoint.recover_started"
  | "messages.retried"
  | "message.resent"
  | "event_type.created"
  | "event_type.updated"
  | "event_type.archived"
  | "settings.updated"
  | "portal_session.issued"
  | "portal_session.revoked";

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
