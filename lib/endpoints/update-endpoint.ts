import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { emitEndpointDisabled, emitEndpointEnabled } from "@/lib/operational/emit-operational-event";
import { checkUrlPolicy } from "@/lib/security/endpoint-policy";
import { assertEndpointUidFree, createEndpoint } from "./create-endpoint";
import { findEndpoint } from "./find-endpoint";
import { type TEndpointPatch, type TEndpointUpsert, ZEndpointPatch, ZEndpointUpsert } from "./schemas";

/** PATCH: changes only the fields given. Disabling by hand records who did it. */
export async function patchEndpoint(auth: AuthContext, appRef: string, endpointRef: string, input: TEndpointPatch) {
  const data = ZEndpointPatch.parse(input);
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  if (data.url !== undefined && data.url !== endpoint.url) await checkUrlPolicy(data.url);
  if (data.uid !== undefined) await assertEndpointUidFree(endpoint.appId, data.uid, endpoint.id);
  const update: Prisma.EndpointUpdateInput = {
    url: data.url,
    description: data.description,
    uid: data.uid,
    throttleRate: data.throttleRate,
    metadata: data.metadata,
    filterTypes: data.eventTypes === undefined ? undefined : data.eventTypes?.length ? data.eventTypes : Prisma.DbNull,
    channels: data.channels === undefined ? undefined : data.channels?.length ? data.channels : Prisma.DbNull,
  };
  if (data.disabled !== undefined && data.disabled !== endpoint.disabled) {
    Object.assign(
      update,
      data.disabled
        ? { disabled: true, disabledReason: "manual", disabledAt: new Date(), disabledDetail: `disabled by ${auth.user?.email ?? "an API key"}` }
        : { disabled: false, disabledReason: null, disabledAt: null, disabledDetail: null, failingSince: null },
    );
  }
  const updated = await db.endpoint.update({ where: { id: endpoint.id }, data: update });
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "endpoint.updated", targetType: "endpoint", targetId: endpoint.id, data: { fields: Object.keys(input ?? {}) } });
  if (updated.disabled !== endpoint.disabled) {
    if (updated.disabled) await emitEndpointDisabled(auth.org.id, updated, "manual");
    else await emitEndpointEnabled(auth.org.id, updated);
  }
  return updated;
}

/** PUT: replaces the endpoint's settings, or creates it (with the path's value as uid). */
export async function upsertEndpoint(auth: AuthContext, appRef: string, endpointRef: string, input: TEndpointUpsert) {
  const data = ZEndpointUpsert.parse(input);
  const app = await findApplication(auth, appRef);
  const found = await db.endpoint.findFirst({ where: { appId: app.id, OR: [{ id: endpointRef }, { uid: endpointRef }] } });
  if (!found) {
    if (isId("endpoint", endpointRef)) throw new AppError("not_found", "Endpoint not found");
    return { endpoint: await createEndpoint(auth, appRef, { ...data, uid: data.uid ?? endpointRef }), created: true };
  }
  const endpoint = await patchEndpoint(auth, app.id, found.id, {
    url: data.url,
    description: data.description,
    uid: data.uid ?? (found.uid === endpointRef ? endpointRef : null),
    throttleRate: data.throttleRate ?? null,
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
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "endpoint.deleted", targetType: "endpoint", targetId: endpoint.id, data: { url: endpoint.url } });
}
