import { withOrg } from "@/lib/auth/with-org";
import { parseSeriesRange } from "@/lib/endpoints/get-endpoint-series";
import { otherMethods } from "@/lib/http/other-methods";
import { getOverview } from "@/lib/overview/get-overview";

export const dynamic = "force-dynamic";
type P = { appId: string };

// GET /api/console/apps/{app_id}/overview — the application's overview (as the organization's, for its endpoints only)
export const GET = withOrg<P>(async (request, { auth, params }) => {
  return Response.json(await getOverview(auth, parseSeriesRange(new URL(request.url)), params.appId));
});

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
