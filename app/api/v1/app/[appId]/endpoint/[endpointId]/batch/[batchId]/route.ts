import { withOrg } from "@/lib/auth/with-org";
import { getBatch } from "@/lib/batches/list-batches";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string; batchId: string };

// GET /api/v1/app/{app_id}/endpoint/{endpoint_id}/batch/{batch_id} — one batch: its POSTs and the messages it carried (Pigeon's)
export const GET = withOrg<P>(
  async (_request, { auth, params }) => {
    return Response.json(await getBatch(auth, params.appId, params.endpointId, params.batchId));
  },
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
