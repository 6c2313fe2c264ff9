import { withOrg } from "@/lib/auth/with-org";
import { resendMessage } from "@/lib/delivery/resend-message";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; msgId: string; endpointId: string };

// POST /api/v1/app/{app_id}/msg/{msg_id}/endpoint/{endpoint_id}/resend — one manual attempt now, never retried
export const POST = withOrg<P>(
  async (_request, { auth, params }) => {
    await resendMessage(auth, params.appId, params.msgId, params.endpointId);
    return Response.json({}, { status: 202 });
  },
  { portal: "CreateAttempts", role: "developer" },
);

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
