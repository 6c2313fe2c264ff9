import { withOrg } from "@/lib/auth/with-org";
import { listBatches } from "@/lib/batches/list-batches";
import { parseListParams } from "@/lib/http/pagination";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// GET /api/v1/app/{app_id}/endpoint/{endpoint_id}/batch — a batching endpoint's batches, newest first (Pigeon's)
export const GET = withOrg<P>(
  async (request, { auth, params }) => {
    return Response.json(await listBatches(auth, params.appId, params.endpointId, parseListParams(new URL(request.url), "batch", "descending")));
  },
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
