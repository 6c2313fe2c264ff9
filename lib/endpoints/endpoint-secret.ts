import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generateEndpointSecret, parseEndpointSecret } from "@/lib/crypto/endpoint-secret";
import { openEndpointSecret, sealEndpointSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { findEndpoint } from "./find-endpoint";
import type { SecretRotateIn } from "./schemas";

/** Reveals the endpoint's current signing secret (audited). */
export async function getEndpointSecret(auth: AuthContext, appRef: string, endpointRef: string) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  const current = await db.endpointSecret.findFirst({ where: { endpointId: endpoint.id, expiresAt: null }, orderBy: { createdAt: "desc" } });
  if (!current) throw new Error(`endpoint ${endpoint.id} has no current secret`);
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "endpoint.secret_revealed", targetType: "endpoint", targetId: endpoint.id });
  return { key: openEndpointSecret(current) };
}

/** Rotated-out secrets kept signing during their grace period, at most (the newest). */
export const MAX_OLD_KEYS = 5;

/**
 * Replaces the signing secret with a given or new one. The old one keeps signing (both
 * signatures are sent) until its grace period ends, so receivers can switch without gaps.
 * Expired secrets are dropped, and of those still in their grace period only the newest
 * MAX_OLD_KEYS are kept: rotating again and again never adds more than that many signatures.
 */
export async function rotateEndpointSecret(auth: AuthContext, appRef: string, endpointRef: string, data: SecretRotateIn) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  const key = data.key ?? generateEndpointSecret();
  parseEndpointSecret(key);
  const now = new Date();
  const graceEnds = new Date(now.getTime() + (data.gracePeriodSeconds ?? env().PIGEON_SECRET_GRACE_SECONDS) * 1000);
  await db.$transaction(async (tx) => {
    // First, as it locks the endpoint's row: rotations of one endpoint run one after another.
    // A new updatedAt also tells workers that their cached keys for this endpoint are stale.
    await tx.endpoint.update({ where: { id: endpoint.id }, data: { updatedAt: now } });
    await tx.endpointSecret.deleteMany({ where: { endpointId: endpoint.id, expiresAt: { lte: now } } });
    await tx.endpointSecret.updateMany({ where: { endpointId: endpoint.id, expiresAt: null }, data: { expiresAt: graceEnds } });
    await tx.endpointSecret.create({ data: { endpointId: endpoint.id, ...sealEndpointSecret(endpoint.id, key) } });
    // Ids grow with time: the newest rotated-out secrets first, the rest dropped.
    const surplus = await tx.endpointSecret.findMany({
      where: { endpointId: endpoint.id, expiresAt: { not: null } },
      orderBy: { id: "desc" },
      skip: MAX_OLD_KEYS,
      select: { id: true },
    });
    if (surplus.length > 0) await tx.endpointSecret.deleteMany({ where: { id: { in: surplus.map((row) => row.id) } } });
  });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "endpoint.secret_rotated",
    targetType: "endpoint",
    targetId: endpoint.id,
    data: { graceEndsAt: graceEnds.toISOString() },
  });
}
