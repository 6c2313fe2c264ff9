import { db } from "@/lib/db";
import type { AuditObjects } from "./describe";

interface Entry {
  targetType: string | null;
  targetId: string | null;
  data: unknown;
}

const field = (data: unknown, key: string): string | undefined => {
  const value = data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
};

const unique = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];

/**
 * The objects a page of audit entries names that still exist in the organization — a few
 * queries by primary key (or unique name), each scoped to the organization — so their
 * sentences can link to them.
 */
export async function findAuditObjects(orgId: string, entries: Entry[]): Promise<AuditObjects> {
  const targets = (type: string) => unique(entries.filter((e) => e.targetType === type).map((e) => e.targetId));
  const endpointIds = unique([...targets("endpoint"), ...entries.map((e) => field(e.data, "endpointId"))]);
  const [endpoints, messages, apiKeys, members, invitations, eventTypes, sessions] = await Promise.all([
    endpointIds.length
      ? db.endpoint.findMany({ where: { id: { in: endpointIds }, app: { orgId } }, select: { id: true, appId: true, url: true, type: true, uid: true } })
      : [],
    targets("message").length
      ? db.message.findMany({ where: { id: { in: targets("message") }, app: { orgId } }, select: { id: true, appId: true, eventType: true } })
      : [],
    targets("api_key").length ? db.apiKey.findMany({ where: { id: { in: targets("api_key") }, orgId }, select: { id: true, name: true } }) : [],
    targets("membership").length
      ? db.membership.findMany({ where: { id: { in: targets("membership") }, orgId }, select: { id: true, user: { select: { name: true, email: true } } } })
      : [],
    targets("invitation").length
      ? db.invitation.findMany({ where: { id: { in: targets("invitation") }, orgId, acceptedAt: null, revokedAt: null }, select: { id: true, email: true } })
      : [],
    targets("event_type").length ? db.eventType.findMany({ where: { orgId, name: { in: targets("event_type") } }, select: { name: true } }) : [],
    targets("portal_session").length
      ? db.portalSession.findMany({ where: { id: { in: targets("portal_session") }, orgId }, select: { id: true, appId: true } })
      : [],
  ]);
  const appIds = unique([
    ...targets("application"),
    ...entries.map((e) => field(e.data, "appId")),
    ...endpoints.map((e) => e.appId),
    ...messages.map((m) => m.appId),
    ...sessions.map((s) => s.appId),
  ]);
  const apps = appIds.length ? await db.application.findMany({ where: { id: { in: appIds }, orgId }, select: { id: true, name: true } }) : [];
  return {
    apps: Object.fromEntries(apps.map((a) => [a.id, { name: a.name }])),
    endpoints: Object.fromEntries(endpoints.map((e) => [e.id, { appId: e.appId, url: e.url, type: e.type, uid: e.uid }])),
    messages: Object.fromEntries(messages.map((m) => [m.id, { appId: m.appId, eventType: m.eventType }])),
    apiKeys: Object.fromEntries(apiKeys.map((k) => [k.id, { name: k.name }])),
    members: Object.fromEntries(members.map((m) => [m.id, { name: m.user.name, email: m.user.email }])),
    invitations: Object.fromEntries(invitations.map((i) => [i.id, { email: i.email }])),
    eventTypes: Object.fromEntries(eventTypes.map((t) => [t.name, true as const])),
    portalSessions: Object.fromEntries(sessions.map((s) => [s.id, { appId: s.appId }])),
  };
}
