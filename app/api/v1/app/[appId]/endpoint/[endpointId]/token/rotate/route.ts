import { withOrg } from "@/lib/auth/with-org";
import { otherMethods } from "@/lib/http/other-methods";
import { rotatePollingToken } from "@/lib/polling/rotate-polling-token";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// POST /api/v1/app/{app_id}/endpoint/{endpoint_id}/token/rotate — a polling endpoint's new token (the old one stops working)
export const POST = withOrg<P>(async (_request, { auth, params }) => Response.json(await rotatePollingToken(auth, params.appId, params.endpointId)), {
  portal: "ManageEndpoint",
  secretAnswer: true,
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
