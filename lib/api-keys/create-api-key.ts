import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hasRole } from "@/lib/auth/roles";
import { hashToken, randomToken } from "@/lib/crypto/random-token";
import { db, type Db, type Role } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { CreateApiKeyInput } from "./schemas";
import { serializeApiKey } from "./serialize-api-key";

export const API_KEY_PREFIX = "pgn_";

/** Makes a key and stores only its hash; the key itself is returned this once. */
export async function insertApiKey(client: Db, orgId: string, name: string, role: Role, createdById?: string) {
  const key = randomToken(API_KEY_PREFIX, 32);
  const row = await client.apiKey.create({
    data: { id: newId("apiKey"), orgId, name, role, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: hashToken(key), createdById },
  });
  return { row, key };
}

export async function createApiKey(auth: AuthContext, data: CreateApiKeyInput) {
  if (!hasRole(auth.role, data.role)) throw new AppError("forbidden", `You cannot create a key with more rights (${data.role}) than your own.`);
  const { row, key } = await insertApiKey(db, auth.org.id, data.name, data.role, auth.user?.id);
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "api_key.created",
    targetType: "api_key",
    targetId: row.id,
    data: { name: row.name, role: row.role },
  });
  return { ...serializeApiKey(row), key };
}
