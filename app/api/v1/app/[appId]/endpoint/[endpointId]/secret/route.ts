import { withOrg } from "@/lib/auth/with-org";
import { getEndpointSecret } from "@/lib/endpoints/endpoint-secret";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// GET /api/v1/app/{app_id}/endpoint/{endpoint_id}/secret — reveal the signing secret (developer+, audited)
export const GET = withOrg<P>(async (_request, { auth, params }) => Response.json(await getEndpointSecret(auth, params.appId, params.endpointId)), {
  role: "developer",
});
