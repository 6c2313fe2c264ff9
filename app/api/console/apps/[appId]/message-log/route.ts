import { withOrg } from "@/lib/auth/with-org";
import { parseListParams } from "@/lib/http/pagination";
import { listMessageLog, parseMessageLogQuery } from "@/lib/messages/list-message-log";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string };

// GET /api/console/apps/{app_id}/message-log — messages newest first with their deliveries' state
export const GET = withOrg<P>(
  async (request, { auth, params }) => {
    const url = new URL(request.url);
    return Response.json(await listMessageLog(auth, params.appId, parseListParams(url, "message", "descending"), parseMessageLogQuery(url)));
  },
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
