import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { fromZodError } from "@/lib/errors";
import { idRangeWithin, isId } from "@/lib/ids";
import { ZIsoTime } from "@/lib/messages/schemas";
import { AUDIT_ACTIONS, isAuditAction } from "./actions";
import { describeAuditEvent } from "./describe";
import { findAuditObjects } from "./find-audit-objects";

/** Who did it, as the `actor` filter takes it: a person's or API key's id, or a kind of caller. */
export const ACTOR_KINDS = ["api_key", "portal", "system"] as const;
export const MAX_ACTION_FILTERS = 10;

const ZActor = z
  .string()
  .refine(
    (value) => (ACTOR_KINDS as readonly string[]).includes(value) || isId("user", value) || isId("apiKey", value),
    `must be a member's user id (user_…), an API key's id (key_…), or one of ${ACTOR_KINDS.join(", ")}`,
  );

const ZActions = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((a) => a.trim()))])
  .refine((actions) => actions.length <= MAX_ACTION_FILTERS, `must name at most ${MAX_ACTION_FILTERS} actions`)
  .refine((actions) => actions.every(isAuditAction), `must be known actions, separated by commas (such as ${AUDIT_ACTIONS.slice(0, 3).join(", ")})`);

const ZAuditQuery = z
  .object({
    limit: z.coerce
      .number({ message: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(200, "must be at most 200")
      .default(50),
    before: z
      .string()
      .refine((value) => isId("audit", value), "must be the nextBefore of a previous page")
      .optional(),
    actor: ZActor.optional(),
    action: ZActions.optional(),
    since: ZIsoTime.optional(),
    until: ZIsoTime.optional(),
  })
  .refine((q) => !q.since || !q.until || q.since < q.until, { message: "must be earlier than until", path: ["since"] });

export type AuditQuery = z.input<typeof ZAuditQuery>;
type ParsedAuditQuery = Partial<z.output<typeof ZAuditQuery>>;

const QUERY_KEYS = ["limit", "before", "actor", "action", "since", "until"] as const;

/** The audit log's page and filters from its query; anything else is a 422 naming the parameter. */
export function parseAuditQuery(url: URL): z.output<typeof ZAuditQuery> {
  const raw = Object.fromEntries(QUERY_KEYS.map((key) => [key, url.searchParams.get(key) || undefined]));
  const result = ZAuditQuery.safeParse(raw);
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}

function actorWhere(actor: string | undefined) {
  if (!actor) return {};
  if (actor === "api_key") return { actorKeyId: { not: null } };
  if (actor === "portal") return { actorPortalSessionId: { not: null } };
  if (actor === "system") return { actorUserId: null, actorKeyId: null, actorPortalSessionId: null };
  return isId("user", actor) ? { actorUserId: actor } : { actorKeyId: actor };
}

/**
 * The organization's audit log, newest first, each entry with who did it and a readable
 * sentence naming the objects it touched. Filters: `actor`, `action` (a few), and a time
 * window (`since` < time < `until`), which narrows the id range first: ids begin with their
 * time, so the (orgId, id), (orgId, action, id) and (orgId, actorUserId, id) indexes serve
 * every combination with keyset paging.
 */
export async function listAuditEvents(auth: AuthContext, { limit = 50, before, actor, action, since, until }: ParsedAuditQuery = {}) {
  const id = idRangeWithin("audit", before ? { lt: before } : undefined, { after: since, before: until });
  const rows = await db.auditEvent.findMany({
    where: {
      orgId: auth.org.id,
      ...(id ? { id } : {}),
      ...(since || until ? { createdAt: { ...(since && { gt: since }), ...(until && { lt: until }) } } : {}),
      ...(action ? { action: action.length === 1 ? action[0] : { in: action } } : {}),
      ...actorWhere(actor),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const userIds = [...new Set(page.map((e) => e.actorUserId).filter((id): id is string => !!id))];
  const keyIds = [...new Set(page.map((e) => e.actorKeyId).filter((id): id is string => !!id))];
  const [users, keys, objects] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true, name: true } }),
    db.apiKey.findMany({ where: { id: { in: keyIds }, orgId: auth.org.id }, select: { id: true, name: true } }),
    findAuditObjects(auth.org.id, page),
  ]);
  const actorOf = (e: (typeof page)[number]) => {
    const user = users.find((u) => u.id === e.actorUserId);
    if (user) return { kind: "user" as const, id: user.id, name: user.name || user.email, email: user.email };
    if (e.actorKeyId)
      return { kind: "api_key" as const, id: e.actorKeyId, name: `API key “${keys.find((k) => k.id === e.actorKeyId)?.name ?? e.actorKeyId}”`, email: null };
    if (e.actorPortalSessionId) return { kind: "portal" as const, id: e.actorPortalSessionId, name: "Customer portal session", email: null };
    if (e.actorUserId) return { kind: "user" as const, id: e.actorUserId, name: "A former user", email: null };
    return { kind: "system" as const, id: null, name: "System", email: null };
  };
  return {
    data: page.map((e) => {
      const who = actorOf(e);
      return {
        id: e.id,
        action: e.action,
        actor: who.email ?? who.name,
        actorDetail: who,
        targetType: e.targetType,
        targetId: e.targetId,
        data: e.data,
        description: describeAuditEvent(e, objects),
        ip: e.ip,
        createdAt: e.createdAt,
      };
    }),
    nextBefore: rows.length > limit ? page.at(-1)!.id : null,
  };
}
