import { hashToken } from "@/lib/crypto/random-token";
import { db, type Role } from "@/lib/db";
import { orgLimits } from "@/lib/orgs/org-limits";
import { sql } from "@/lib/sql/connection";

const TOUCH_EVERY_MS = 60_000;

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
  // "Last used" is shown to people; a minute's precision spares a write per request.
  if (row.lastUsedAt === null || Date.now() - Number(row.lastUsedAt) > TOUCH_EVERY_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.id, role: row.role, org: { id: row.orgId, name: row.orgName, limits: orgLimits(row) } };
}
