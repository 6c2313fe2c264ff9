import { withOrg } from "@/lib/auth/with-org";
import { getEndpointStats } from "@/lib/endpoints/get-endpoint-stats";
import { parseTimeWindow } from "@/lib/endpoints/schemas";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// GET /api/v1/app/{app_id}/endpoint/{endpoint_id}/stats — the endpoint's deliveries by state
export const GET = withOrg<P>(
  async (request, { auth, params }) => {
    return Response.json(await getEndpointStats(auth, params.appId, params.endpointId, parseTimeWindow(new URL(request.url))));
  },
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
