import { hashToken } from "@/lib/crypto/random-token";
import type { Role } from "@/lib/db";
import { orgLimits } from "@/lib/orgs/org-limits";
import { sql } from "@/lib/sql/connection";
import { noteApiKeyUse } from "./note-api-key-use";

interface KeyRow {
  id: string;
  role: Role;
  revoked: number | boolean;
  lastUsedAt: number | null;
  orgId: string;
  orgName: string;
  apiRateLimit: number | null;
  maxPayloadBytes: number | null;
}

// Every API call starts here, so it is one plain, prepared statement (lib/sql).
const FIND_KEY = `SELECT k."id", k."role", k."revokedAt" IS NOT NULL AS "revoked", k."lastUsedAt" AS "lastUsedAt", o."id" AS "orgId", o."name" AS "orgName",
  o."apiRateLimit", o."maxPayloadBytes"
  FROM "ApiKey" k JOIN "Organization" o ON o."id" = k."orgId" WHERE k."hash" = $1`;
const FIND_KEY_PG = FIND_KEY.replace(`k."lastUsedAt" AS`, `(extract(epoch from k."lastUsedAt") * 1000)::float8 AS`);

/** The organization and role of a bearer key, or null when it is unknown or revoked. */
export async function authenticateApiKey(key: string) {
  const connection = sql();
  const hash = hashToken(key);
  const row = connection.kind === "sqlite" ? connection.get<KeyRow>(FIND_KEY, hash) : (await connection.query<KeyRow>(FIND_KEY_PG, [hash]))[0];
  if (!row || row.revoked) return null;
  noteApiKeyUse(row.id, row.lastUsedAt === null ? null : Number(row.lastUsedAt));
  return { id: row.id, role: row.role, org: { id: row.orgId, name: row.orgName, limits: orgLimits(row) } };
}
