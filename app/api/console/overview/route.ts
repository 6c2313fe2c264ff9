import { withOrg } from "@/lib/auth/with-org";
import { parseSeriesRange } from "@/lib/endpoints/get-endpoint-series";
import { otherMethods } from "@/lib/http/other-methods";
import { getOverview } from "@/lib/overview/get-overview";

export const dynamic = "force-dynamic";

// GET /api/console/overview — the organization's delivery volume, success rate, endpoints in trouble, exhausted messages, queue and attempt durations
export const GET = withOrg(async (request, { auth }) => {
  return Response.json(await getOverview(auth, parseSeriesRange(new URL(request.url))));
});

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
