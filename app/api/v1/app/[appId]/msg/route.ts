import { withOrg } from "@/lib/auth/with-org";
import { fromZodError } from "@/lib/errors";
import { listParam } from "@/lib/http/list-param";
import { parseListParams } from "@/lib/http/pagination";
import { readJson } from "@/lib/http/read-json";
import { createMessage } from "@/lib/messages/create-message";
import { listMessages } from "@/lib/messages/list-messages";
import { ZMessageIn, ZMessageListQuery } from "@/lib/messages/schemas";
import { serializeMessage } from "@/lib/messages/serialize-message";
import { messageBodyLimit } from "@/lib/orgs/org-limits";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string };

function listQuery(url: URL) {
  const q = url.searchParams;
  const result = ZMessageListQuery.safeParse({
    eventTypes: listParam(url, "event_types"),
    channel: q.get("channel") ?? undefined,
    before: q.get("before") ?? undefined,
    after: q.get("after") ?? undefined,
    withContent: q.get("with_content") ?? undefined,
  });
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}

// GET /api/v1/app/{app_id}/msg — list an application's messages, newest first
export const GET = withOrg<P>(
  async (request, { auth, params }) => {
    const url = new URL(request.url);
    return Response.json(await listMessages(auth, params.appId, parseListParams(url, "message", "descending"), listQuery(url)));
  },
  { portal: "ViewBase" },
);

// POST /api/v1/app/{app_id}/msg — send a message to every endpoint that wants it
export const POST = withOrg<P>(
  async (request, { auth, params, stableId }) => {
    const withContent = new URL(request.url).searchParams.get("with_content") !== "false";
    const message = await createMessage(auth, params.appId, ZMessageIn.parse(await readJson(request)), { id: stableId?.("message") });
    return Response.json(serializeMessage(message, { withContent }), { status: 202 });
  },
  { bodyLimit: (auth) => messageBodyLimit(auth.org.limits) },
);

// PUT, PATCH, DELETE — 405 with the methods allowed here
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
