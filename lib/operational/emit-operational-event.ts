import { db } from "@/lib/db";
import { insertMessage } from "@/lib/delivery/store/insert-message";

export type OperationalEventType =
  "endpoint.disabled" | "endpoint.enabled" | "message.attempt.exhausted" | "message.attempt.failing" | "message.attempt.recovered";

/**
 * Sends an operational event (Svix's shape: `{type, timestamp, data}`) to the organization's
 * operational endpoints, if it has any. Events about the operational application itself are
 * never sent, so a failing operational endpoint cannot feed on its own failures.
 */
export async function emitOperationalEvent(orgId: string, type: OperationalEventType, data: Record<string, unknown>, about?: { appId: string }): Promise<void> {
  const app = await db.application.findFirst({ where: { orgId, operational: true }, select: { id: true } });
  if (!app || about?.appId === app.id) return;
  const payload = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
  await insertMessage({
    orgId,
    appRef: app.id,
    operational: true,
    eventType: type,
    eventId: null,
    payload,
    payloadSize: Buffer.byteLength(payload),
    channels: null,
    tags: null,
  });
}

type EndpointRef = { id: string; appId: string; uid: string | null; failingSince?: Date | null; disabledAt?: Date | null };

async function appUid(appId: string): Promise<string | null> {
  return (await db.application.findUnique({ where: { id: appId }, select: { uid: true } }))?.uid ?? null;
}

/** endpoint.disabled, by the rule or a 410 ("automatic") or by a person ("manual"). */
export async function emitEndpointDisabled(orgId: string, endpoint: EndpointRef, trigger: "automatic" | "manual"): Promise<void> {
  const data = {
    appId: endpoint.appId,
    appUid: await appUid(endpoint.appId),
    endpointId: endpoint.id,
    endpointUid: endpoint.uid,
    failSince: endpoint.failingSince ?? endpoint.disabledAt ?? new Date(),
    trigger,
  };
  await emitOperationalEvent(orgId, "endpoint.disabled", data, { appId: endpoint.appId });
}

/** endpoint.enabled, when a person turns a disabled endpoint back on. */
export async function emitEndpointEnabled(orgId: string, endpoint: EndpointRef): Promise<void> {
  await emitOperationalEvent(
    orgId,
    "endpoint.enabled",
    { appId: endpoint.appId, appUid: await appUid(endpoint.appId), endpointId: endpoint.id, endpointUid: endpoint.uid },
    { appId: endpoint.appId },
  );
}
