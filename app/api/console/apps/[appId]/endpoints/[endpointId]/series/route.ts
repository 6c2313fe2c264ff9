import { withOrg } from "@/lib/auth/with-org";
import { getEndpointSeries, parseSeriesRange } from "@/lib/endpoints/get-endpoint-series";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// GET /api/console/apps/{app_id}/endpoints/{endpoint_id}/series — successes and failures per hour (24h) or per 6 hours (7d)
export const GET = withOrg<P>(
  async (request, { auth, params }) => {
    return Response.json(await getEndpointSeries(auth, params.appId, params.endpointId, parseSeriesRange(new URL(request.url))));
  },
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
