import { withOrg } from "@/lib/auth/with-org";
import { findMessage } from "@/lib/messages/find-message";
import { serializeMessage } from "@/lib/messages/serialize-message";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; msgId: string };

// GET /api/v1/app/{app_id}/msg/{msg_id} — one message, by id or eventId
export const GET = withOrg<P>(
  async (request, { auth, params }) => {
    const withContent = new URL(request.url).searchParams.get("with_content") !== "false";
    return Response.json(serializeMessage(await findMessage(auth, params.appId, params.msgId), { withContent }));
  },
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
