import { withOrg } from "@/lib/auth/with-org";
import { countDeliveryStates } from "@/lib/endpoints/count-delivery-states";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// GET /api/console/apps/{app_id}/endpoints/{endpoint_id}/states — the endpoint's deliveries by the message log's states
export const GET = withOrg<P>(
  async (_request, { auth, params }) => {
    return Response.json(await countDeliveryStates(auth, params.appId, params.endpointId));
  },
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
