import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, Prisma } from "@/lib/db";
import { AppError, fromPath, notFound } from "@/lib/errors";
import { keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";
import { newId } from "@/lib/ids";
import { ZEventTypeName } from "@/lib/endpoints/schemas";
import type { EventTypeIn, EventTypePatch, EventTypeUpsert } from "./schemas";
import { serializeEventType } from "./serialize-event-type";

const json = (value: unknown) => (value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue | undefined));

export async function findEventType(auth: AuthContext, name: string) {
  const eventType = await db.eventType.findUnique({ where: { orgId_name: { orgId: auth.org.id, name } } });
  if (!eventType) throw notFound("Event type");
  return eventType;
}

export async function listEventTypes(auth: AuthContext, params: ListParams, { includeArchived = false } = {}) {
  const rows = await db.eventType.findMany({
    where: { orgId: auth.org.id, name: keysetWhere(params), ...(includeArchived ? {} : { archived: false }) },
    orderBy: { name: keysetOrder(params) },
    take: params.limit + 1,
  });
  return pageOf(rows, params, (e) => e.name, serializeEventType);
}

export async function createEventType(auth: AuthContext, data: EventTypeIn) {
  const existing = await db.eventType.findUnique({ where: { orgId_name: { orgId: auth.org.id, name: data.name } } });
  if (existing) throw new AppError("conflict", `Event type "${data.name}" already exists`);
  const eventType = await db.eventType.create({
    data: {
      id: newId("eventType"),
      orgId: auth.org.id,
      ...data,
      schemas: json(data.schemas),
      featureFlags: json(data.featureFlags),
      example: json(data.example),
    },
  });
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "event_type.created", targetType: "event_type", targetId: eventType.name });
  return eventType;
}

export async function patchEventType(auth: AuthContext, name: string, data: EventTypePatch) {
  const eventType = await findEventType(auth, name);
  const updated = await db.eventType.update({
    where: { id: eventType.id },
    data: { ...data, schemas: json(data.schemas), featureFlags: json(data.featureFlags), example: json(data.example) },
  });
  await recordAuditEvent({
    orgId: auth.org.id,
    actor: auth.actor,
    action: "event_type.updated",
    targetType: "event_type",
    targetId: name,
    data: { fields: Object.keys(data) },
  });
  return updated;
}

/** PUT: replaces an event type, or creates it. */
export async function upsertEventType(auth: AuthContext, name: string, data: EventTypeUpsert) {
  const existing = await db.eventType.findUnique({ where: { orgId_name: { orgId: auth.org.id, name } } });
  if (!existing) return { eventType: await createEventType(auth, { ...data, name: fromPath(ZEventTypeName, name, "name") }), created: true };
  return {
    eventType: await patchEventType(auth, name, {
      ...data,
      schemas: data.schemas ?? null,
      groupName: data.groupName ?? null,
      featureFlags: data.featureFlags ?? null,
    }),
    created: false,
  };
}

/** Archives an event type (it stays usable by existing filters); `expunge` deletes it. */
export async function deleteEventType(auth: AuthContext, name: string, { expunge = false } = {}) {
  const eventType = await findEventType(auth, name);
  if (expunge) await db.eventType.delete({ where: { id: eventType.id } });
  else await db.eventType.update({ where: { id: eventType.id }, data: { archived: true } });
  await recordAuditEvent({ orgId: auth.org.id, actor: auth.actor, action: "event_type.archived", targetType: "event_type", targetId: name, data: { expunge } });
  return serializeEventType(eventType);
}
