import { randomBytes } from "node:crypto";
import { hashToken } from "@/lib/crypto/random-token";
import { db } from "@/lib/db";
import { orgLimits } from "@/lib/orgs/org-limits";
import { POLLING_TOKEN_PREFIX } from "./token-format";

// A polling endpoint's token: read-only, scoped to that one endpoint, stored hashed. It
// names its application and endpoint (token-format.ts), so a consumer such as `pigeon
// listen` needs nothing else to find its stream.

export function newPollingToken(appId: string, endpointId: string): { token: string; hash: string; prefix: string } {
  const token = `${POLLING_TOKEN_PREFIX}${appId}.${endpointId}.${randomBytes(24).toString("base64url")}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, token.lastIndexOf(".") + 5) };
}

/** The organization and polling endpoint of a token, or null when it is unknown or was rotated away. */
export async function authenticatePollingToken(token: string) {
  const endpoint = await db.endpoint.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, appId: true, type: true, app: { select: { org: { select: { id: true, name: true, apiRateLimit: true, maxPayloadBytes: true } } } } },
  });
  if (!endpoint || endpoint.type !== "polling") return null;
  const { org } = endpoint.app;
  return { endpointId: endpoint.id, appId: endpoint.appId, org: { id: org.id, name: org.name, limits: orgLimits(org) } };
}
