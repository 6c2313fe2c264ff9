import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, Prisma } from "@/lib/db";
import { AppError, fromPath, invalid } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { checkUrlPolicy } from "@/lib/security/endpoint-policy";
import { assertEndpointUidFree, createEndpoint } from "./create-endpoint";
import { disableEndpoint, enableEndpoint } from "./disable-endpoint";
import { findEndpoint } from "./find-endpoint";
import { ZUid } from "@/lib/apps/schemas";
import { queueShape, rearrangeQueue } from "@/lib/delivery/store/queue-order";
import { dbNow } from "@/lib/sql/db-clock";
import { type EndpointPatch, type EndpointUpsert, pollingConflicts } from "./schemas";

/** PATCH: changes only the fields given. Disabling or enabling goes the one way it always does (disable-endpoint.ts). */
export async function patchEndpoint(auth: AuthContext, appRef: string, endpointRef: string, data: EndpointPatch) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  if (endpoint.type === "polling" && data.url) throw invalid(["body", "url"], "must be left out: a polling endpoint is read by its consumers, not sent to");
  if (endpoint.type === "webhook" && data.url === "") throw invalid(["body", "url"], "is required");
  if (endpoint.type === "polling") for (const issue of pollingConflicts(data)) throw invalid(["body", ...issue.path], issue.message);
  if (data.url !== undefined && data.url !== endpoint.url) await checkUrlPolicy(data.url);
  if (data.uid !== undefined) await assertEndpointUidFree(endpoint.appId, data.uid, endpoint.id);
  const updated = await db.endpoint.update({
    where: { id: endpoint.id },
    data: {
      url: endpoint.type === "polling" ? undefined : data.url,
      description: data.description,
      uid: data.uid,
      throttleRate: data.throttleRate,
      maxInFlight: data.maxInFlight,
      batchMaxSize: data.batch === undefined ? undefined : (data.batch?.maxSize ?? null),
      batchMaxWaitMs: data.batch === undefined ? undefined : (data.batch?.maxWaitMs ?? null),
      ordering: data.ordering,
      fifoOnExhausted: data.fifoOnExhausted,
      metadata: data.metadata,
      // A new address starts with a closed circuit breaker.
      ...(data.url !== undefined && data.url !== endpoint.url ? { timeoutStreak: 0, backoffUntil: null } : {}),
      filterTypes: data.eventTypes === undefined ? undefined : data.eventTypes?.length ? data.eventTypes : Prisma.DbNull,
      channels: data.channels === undefined ? undefined : data.channels?.length ? data.channels : Prisma.DbNull,
    },
  });
  // Waiting deliveries follow a new ordering or batching at once (queue-order.ts).
  if (updated.ordering !== endpoint.ordering || (updated.batchMaxSize === null) !== (endpoint.batchMaxSize === null)) {
    await rearrangeQueue(queueShape({ endpointId: updated.id, ...updated, batchSize: updated.batchMaxSize, batchWait: updated.batchMaxWaitMs }), dbNow());
  }
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "endpoint.updated",
    targetType: "endpoint",
    targetId: endpoint.id,
    // The new state is kept so the audit log can say "Disabled" or "Enabled".
    data: { fields: Object.keys(data), ...(data.disabled === undefined ? {} : { disabled: data.disabled }) },
  });
  if (data.disabled === undefined || data.disabled === updated.disabled) return updated;
  const ref = { ...updated, orgId: auth.org.id };
  if (data.disabled) await disableEndpoint(ref, "manual", `disabled by ${auth.user?.email ?? "an API key"}`);
  else await enableEndpoint(ref);
  return db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
}

/** PUT: replaces the endpoint's settings, or creates it (with the path's value as uid). */
export async function upsertEndpoint(auth: AuthContext, appRef: string, endpointRef: string, data: EndpointUpsert) {
  const app = await findApplication(auth, appRef);
  const found = await db.endpoint.findFirst({ where: { appId: app.id, OR: [{ id: endpointRef }, { uid: endpointRef }] } });
  if (!found) {
    if (isId("endpoint", endpointRef)) throw new AppError("not_found", "Endpoint not found");
    const input = { ...data, type: "webhook" as const, uid: data.uid ?? fromPath(ZUid, endpointRef, "uid") };
    if (!input.url) throw invalid(["body", "url"], "is required");
    return { endpoint: await createEndpoint(auth, appRef, input), created: true };
  }
  const endpoint = await patchEndpoint(auth, app.id, found.id, {
    url: data.url,
    description: data.description,
    uid: data.uid ?? (found.uid === endpointRef ? endpointRef : null),
    throttleRate: data.throttleRate ?? null,
    maxInFlight: data.maxInFlight ?? null,
    batch: data.batch ?? null,
    ordering: data.ordering ?? "unordered",
    fifoOnExhausted: data.fifoOnExhausted ?? "skip",
    disabled: data.disabled,
    eventTypes: data.eventTypes ?? null,
    channels: data.channels ?? null,
    metadata: data.metadata ?? {},
  });
  return { endpoint, created: false };
}

export async function deleteEndpoint(auth: AuthContext, appRef: string, endpointRef: string) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  await db.endpoint.delete({ where: { id: endpoint.id } });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "endpoint.deleted",
    targetType: "endpoint",
    targetId: endpoint.id,
    data: { url: endpoint.url },
  });
}
