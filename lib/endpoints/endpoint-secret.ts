import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generateEndpointSecret, parseEndpointSecret } from "@/lib/crypto/endpoint-secret";
import { openEndpointSecret, sealEndpointSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { findEndpoint } from "./find-endpoint";
import { type TSecretRotateIn, ZSecretRotateIn } from "./schemas";

/** Reveals the endpoint's current signing secret (audited). */
export async function getEndpointSecret(auth: AuthContext, appRef: string, endpointRef: string) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  const current = await db.endpointSecret.findFirst({ where: { endpointId: endpoint.id, expiresAt: null }, orderBy: { createdAt: "desc" } });
  if (!current) throw new Error(`endpoint ${endpoint.id} has no current secret`);
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "endpoint.secret_revealed", targetType: "endpoint", targetId: endpoint.id });
  return { key: openEndpointSecret(current) };
}

/**
 * Replaces the signing secret with a given or new one. The old one keeps signing (both
 * signatures are sent) until its grace period ends, so receivers can switch without gaps.
 */
export async function rotateEndpointSecret(auth: AuthContext, appRef: string, endpointRef: string, input: TSecretRotateIn) {
  const data = ZSecretRotateIn.parse(input ?? {});
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  const key = data.key ?? generateEndpointSecret();
  parseEndpointSecret(key);
  const now = new Date();
  const graceEnds = new Date(now.getTime() + (data.gracePeriodSeconds ?? env().PIGEON_SECRET_GRACE_SECONDS) * 1000);
  await db.$transaction(async (tx) => {
    await tx.endpointSecret.deleteMany({ where: { endpointId: endpoint.id, expiresAt: { lte: now } } });
    await tx.endpointSecret.updateMany({ where: { endpointId: endpoint.id, expiresAt: null }, data: { expiresAt: graceEnds } });
    await tx.endpointSecret.create({ data: { endpointId: endpoint.id, ...sealEndpointSecret(endpoint.id, key) } });
    // A new updatedAt tells workers that their cached keys for this endpoint are stale.
    await tx.endpoint.update({ where: { id: endpoint.id }, data: { updatedAt: now } });
  });
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "endpoint.secret_rotated", targetType: "endpoint", targetId: endpoint.id, data: { graceEndsAt: graceEnds.toISOString() } });
}
