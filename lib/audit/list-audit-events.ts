import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { fromZodError } from "@/lib/errors";
import { isId } from "@/lib/ids";

const ZAuditQuery = z.object({
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
});

/** `limit` and `before` from the audit log's query; anything else is a 422 naming the parameter. */
export function parseAuditQuery(url: URL): z.output<typeof ZAuditQuery> {
  const result = ZAuditQuery.safeParse({ limit: url.searchParams.get("limit") ?? undefined, before: url.searchParams.get("before") ?? undefined });
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}

/** The organization's audit log, newest first, with who did each thing. */
export async function listAuditEvents(auth: AuthContext, { limit = 50, before }: { limit?: number; before?: string } = {}) {
  const rows = await db.auditEvent.findMany({
    where: { orgId: auth.org.id, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const userIds = [...new Set(page.map((e) => e.actorUserId).filter((id): id is string => !!id))];
  const keyIds = [...new Set(page.map((e) => e.actorKeyId).filter((id): id is string => !!id))];
  const [users, keys] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    db.apiKey.findMany({ where: { id: { in: keyIds }, orgId: auth.org.id }, select: { id: true, name: true } }),
  ]);
  const actorName = (e: (typeof page)[number]) =>
    users.find((u) => u.id === e.actorUserId)?.email ??
    (e.actorKeyId
      ? `API key “${keys.find((k) => k.id === e.actorKeyId)?.name ?? e.actorKeyId}”`
      : e.actorPortalSessionId
        ? `Customer portal session ${e.actorPortalSessionId}`
        : "system");
  return {
    data: page.map((e) => ({
      id: e.id,
      action: e.action,
      actor: actorName(e),
      targetType: e.targetType,
      targetId: e.targetId,
      data: e.data,
      ip: e.ip,
      createdAt: e.createdAt,
    })),
    nextBefore: rows.length > limit ? page.at(-1)!.id : null,
  };
}
