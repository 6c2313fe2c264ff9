import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { serializeApiKey } from "./serialize-api-key";

export async function listApiKeys(auth: AuthContext) {
  const keys = await db.apiKey.findMany({ where: { orgId: auth.org.id }, orderBy: [{ revokedAt: "asc" }, { createdAt: "desc" }] });
  return keys.map(serializeApiKey);
}
