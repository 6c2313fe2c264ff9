import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { forgetApiKeys } from "./authenticate-api-key";
import { serializeApiKey } from "./serialize-api-key";

export async function revokeApiKey(auth: AuthContext, keyId: string) {
  const key = await db.apiKey.findFirst({ where: { id: keyId, orgId: auth.org.id } });
  if (!key) throw notFound("API key");
  const revoked = key.revokedAt ? key : await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
  if (!key.revokedAt) {
    forgetApiKeys({ keyId: key.id });
    await recordAuditEvent({
      orgId: auth.org.id,
      actor: auth.actor,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: key.id,
      data: { name: key.name },
    });
  }
  return serializeApiKey(revoked);
}
