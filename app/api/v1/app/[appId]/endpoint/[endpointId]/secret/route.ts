import { withOrg } from "@/lib/auth/with-org";
import { getEndpointSecret } from "@/lib/endpoints/endpoint-secret";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// GET /api/v1/app/{app_id}/endpoint/{endpoint_id}/secret — reveal the signing secret (developer+, audited)
export const GET = withOrg<P>(async (_request, { auth, params }) => Response.json(await getEndpointSecret(auth, params.appId, params.endpointId)), {
  portal: "ViewEndpointSecret",
  role: "developer",
  // A polling endpoint's token reads its own secret, so a consumer (pigeon listen) can sign what it forwards.
  pollingToken: true,
});

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
