import { withOrg } from "@/lib/auth/with-org";
import { parseListParams } from "@/lib/http/pagination";
import { listMessageDestinations } from "@/lib/messages/list-message-destinations";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; msgId: string };

// GET /api/v1/app/{app_id}/msg/{msg_id}/endpoint — the endpoints a message goes to, with each delivery's state
export const GET = withOrg<P>(
  async (request, { auth, params }) => {
    return Response.json(await listMessageDestinations(auth, params.appId, params.msgId, parseListParams(new URL(request.url), "endpoint")));
  },
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
