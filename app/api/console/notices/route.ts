import { withOrg } from "@/lib/auth/with-org";
import { fromZodError } from "@/lib/errors";
import { parseListParams } from "@/lib/http/pagination";
import { listNotices } from "@/lib/notices/list-notices";
import { ZNoticeQuery } from "@/lib/notices/schemas";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/console/notices — the notices inbox, newest first (?kind, ?unread, ?endpoint_id, ?app_id), with the unread count
export const GET = withOrg(async (request, { auth }) => {
  const url = new URL(request.url);
  const q = url.searchParams;
  const query = ZNoticeQuery.safeParse({
    kind: q.get("kind") ?? undefined,
    unread: q.get("unread") ?? undefined,
    endpointId: q.get("endpoint_id") ?? undefined,
    appId: q.get("app_id") ?? undefined,
  });
  if (!query.success) throw fromZodError(query.error, "query");
  return Response.json(await listNotices(auth, parseListParams(url, "notice", "descending"), query.data));
});

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
