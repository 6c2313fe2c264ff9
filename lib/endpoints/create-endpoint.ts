import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generateEndpointSecret, parseEndpointSecret } from "@/lib/crypto/endpoint-secret";
import { sealEndpointHeaders, sealEndpointSecret } from "@/lib/crypto/secret-box";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { newPollingToken } from "@/lib/polling/polling-token";
import { checkUrlPolicy } from "@/lib/security/endpoint-policy";
import type { EndpointIn } from "./schemas";

export async function assertEndpointUidFree(appId: string, uid: string | null | undefined, exceptId?: string) {
  if (!uid) return;
  const taken = await db.endpoint.findFirst({ where: { appId, uid, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (taken) throw new AppError("conflict", `An endpoint with uid "${uid}" already exists in this application`);
}

/**
 * Creates an endpoint with its signing secret (generated unless one is given), stored
 * encrypted. A polling endpoint also gets its token, returned this once (`token`).
 */
export async function createEndpoint(auth: AuthContext, appRef: string, data: EndpointIn, client: Prisma.TransactionClient | typeof db = db) {
  const app = await findApplication(auth, appRef);
  const polling = data.type === "polling";
  if (!polling) await checkUrlPolicy(data.url);
  await assertEndpointUidFree(app.id, data.uid);
  const secret = data.secret ?? generateEndpointSecret();
  parseEndpointSecret(secret, "secret");
  const id = newId("endpoint");
  const token = polling ? newPollingToken(app.id, id) : null;
  const endpoint = await client.endpoint.create({
    data: {
      id,
      appId: app.id,
      uid: data.uid ?? null,
      type: data.type,
      url: polling ? "" : data.url,
      tokenHash: token?.hash ?? null,
      tokenPrefix: token?.prefix ?? null,
      description: data.description,
      throttleRate: data.throttleRate ?? null,
      maxInFlight: data.maxInFlight ?? null,
      batchMaxSize: data.batch?.maxSize ?? null,
      batchMaxWaitMs: data.batch?.maxWaitMs ?? null,
      ordering: data.ordering ?? "unordered",
      fifoOnExhausted: data.fifoOnExhausted ?? "skip",
      disabled: data.disabled,
      ...(data.disabled ? { disabledReason: "manual", disabledAt: new Date(), disabledDetail: `created disabled by ${auth.user?.email ?? "API key"}` } : {}),
      filterTypes: data.eventTypes?.length ? data.eventTypes : undefined,
      channels: data.channels?.length ? data.channels : undefined,
      headers: sealEndpointHeaders(id, data.headers ?? {}),
      metadata: data.metadata ?? {},
      secrets: { create: sealEndpointSecret(id, secret) },
    },
  });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "endpoint.created",
    targetType: "endpoint",
    targetId: endpoint.id,
    data: { url: endpoint.url, type: endpoint.type, appId: app.id },
  });
  return { ...endpoint, token: token?.token };
}

/** Whether a create request's body asks for a polling endpoint (its answer holds the token). */
export function createsPollingEndpoint(body: string): boolean {
  try {
    return (JSON.parse(body) as { type?: unknown } | null)?.type === "polling";
  } catch {
    return false;
  }
}
