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

type Found = { id: string; role: Role; org: { id: string; name: string; limits: ReturnType<typeof orgLimits> } };

// A key's answer is kept for KEEP_MS in each process, so a busy sender costs one lookup a
// second instead of one a request. A revoked key, or an organization's new limits, thus take
// effect within that second everywhere — at once in the process that made the change.
// Unknown and revoked keys are never kept: each costs its lookup, and memory stays bounded.
const KEEP_MS = 1_000;
const MAX_KEPT = 10_000;
const store = globalThis as unknown as { __pigeonApiKeys?: Map<string, { until: number; found: Found }> };
const kept = () => (store.__pigeonApiKeys ??= new Map());

/** Forgets what this process keeps of a key (revoked) or of every key of an organization (new limits). */
export function forgetApiKeys(match: { keyId?: string; orgId?: string }): void {
  for (const [hash, entry] of kept()) if (entry.found.id === match.keyId || entry.found.org.id === match.orgId) kept().delete(hash);
}

/** The organization and role of a bearer key, or null when it is unknown or revoked. */
export async function authenticateApiKey(key: string): Promise<Found | null> {
  const hash = hashToken(key);
  const now = Date.now();
  const entry = kept().get(hash);
  if (entry && entry.until > now) return entry.found;
  const connection = sql();
  const row = connection.kind === "sqlite" ? connection.get<KeyRow>(FIND_KEY, hash) : (await connection.query<KeyRow>(FIND_KEY_PG, [hash]))[0];
  kept().delete(hash);
  if (!row || row.revoked) return null;
  noteApiKeyUse(row.id, row.lastUsedAt === null ? null : Number(row.lastUsedAt));
  const found: Found = { id: row.id, role: row.role, org: { id: row.orgId, name: row.orgName, limits: orgLimits(row) } };
  if (kept().size >= MAX_KEPT) kept().delete(kept().keys().next().value!);
  kept().set(hash, { until: now + KEEP_MS, found });
  return found;
}
