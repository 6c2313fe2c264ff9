import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { openEndpointHeaders, sealEndpointHeaders } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { findEndpoint } from "./find-endpoint";
import { isSensitiveHeader } from "./header-names";
import { type HeadersChange, ZHeadersIn } from "./schemas";

// Header values that are credentials are never shown again, only their names.
function serializeHeaders(headers: Record<string, string>) {
  const sensitive = Object.keys(headers).filter(isSensitiveHeader);
  return { headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !isSensitiveHeader(name))), sensitive };
}

export async function getEndpointHeaders(auth: AuthContext, appRef: string, endpointRef: string) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  return serializeHeaders(openEndpointHeaders(endpoint));
}

/** PUT replaces every custom header; PATCH sets the given ones and deletes `deleteHeaders`. */
export async function updateEndpointHeaders(auth: AuthContext, appRef: string, endpointRef: string, change: HeadersChange) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  let headers: Record<string, string>;
  if (change.mode === "replace") {
    headers = change.headers;
  } else {
    const patch = change;
    // Header names are case-insensitive: "x-token" replaces a stored "X-Token".
    const given = new Set(Object.keys(patch.headers).map((name) => name.toLowerCase()));
    const remove = new Set((patch.deleteHeaders ?? []).map((name) => name.toLowerCase()));
    const merged = [...Object.entries(openEndpointHeaders(endpoint)).filter(([name]) => !given.has(name.toLowerCase())), ...Object.entries(patch.headers)];
    // The result must meet the same limits as a PUT: many small patches must not add up to more.
    headers = ZHeadersIn.parse({ headers: Object.fromEntries(merged.filter(([name]) => !remove.has(name.toLowerCase()))) }).headers;
  }
  await db.endpoint.update({ where: { id: endpoint.id }, data: { headers: sealEndpointHeaders(endpoint.id, headers) } });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "endpoint.updated",
    targetType: "endpoint",
    targetId: endpoint.id,
    data: { headers: Object.keys(headers) },
  });
}
