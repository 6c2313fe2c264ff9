import type { AuthContext } from "@/lib/auth/context";
import { db, type Notice } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";
import type { NoticeKind } from "./create-notice";
import { noticeTitle } from "./notice-text";

export interface NoticeQuery {
  kind?: NoticeKind;
  unread?: boolean;
  endpointId?: string;
  appId?: string;
}

export function serializeNotice(notice: Notice) {
  return {
    id: notice.id,
    kind: notice.kind,
    title: noticeTitle(notice),
    body: notice.body,
    appId: notice.appId,
    endpointId: notice.endpointId,
    messageId: notice.messageId,
    // How many occurrences a folded notice counts (1 for the others), and when the latest was.
    count: notice.count,
    data: { ...(notice.data as object), count: notice.count },
    read: notice.readAt !== null,
    createdAt: notice.createdAt,
    lastAt: notice.lastAt ?? notice.createdAt,
  };
}

/** The organization's notices, newest first, with the unread count for the navigation. */
export async function listNotices(auth: AuthContext, params: ListParams, query: NoticeQuery) {
  const where = {
    orgId: auth.org.id,
    ...(query.kind && { kind: query.kind }),
    ...(query.unread && { readAt: null }),
    ...(query.endpointId && { endpointId: query.endpointId }),
    ...(query.appId && { appId: query.appId }),
  };
  const [rows, unread] = await Promise.all([
    db.notice.findMany({ where: { ...where, id: keysetWhere(params) }, orderBy: { id: keysetOrder(params) }, take: params.limit + 1 }),
    db.notice.count({ where: { orgId: auth.org.id, readAt: null } }),
  ]);
  return { ...pageOf(rows, params, (n) => n.id, serializeNotice), unread };
}

/** Marks one notice (or, without an id, every unread one) read; answers how many changed. */
export async function markNoticesRead(auth: AuthContext, id?: string): Promise<number> {
  if (id && !(await db.notice.findFirst({ where: { id, orgId: auth.org.id }, select: { id: true } }))) throw notFound("Notice");
  const { count } = await db.notice.updateMany({ where: { orgId: auth.org.id, readAt: null, ...(id && { id }) }, data: { readAt: new Date() } });
  return count;
}
