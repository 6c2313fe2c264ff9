import { withOrg } from "@/lib/auth/with-org";
import { dismissRecoverOffer } from "@/lib/endpoints/recover-offer";
import { RECOVER_OFFER_DISMISS_BODY_LIMIT, ZRecoverOfferDismissIn } from "@/lib/endpoints/schemas";
import { serializeEndpoint } from "@/lib/endpoints/serialize-endpoint";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// POST /api/console/apps/{app_id}/endpoints/{endpoint_id}/recover-offer/dismiss — decline the recover offered after re-enabling; answers the endpoint
export const POST = withOrg<P>(
  async (request, { auth, params }) => {
    ZRecoverOfferDismissIn.parse(await readJson(request));
    return Response.json(serializeEndpoint(await dismissRecoverOffer(auth, params.appId, params.endpointId)));
  },
  // Whoever may recover may decline to: the portal too, with the same capability.
  { portal: "CreateAttempts", role: "developer", bodyLimit: () => RECOVER_OFFER_DISMISS_BODY_LIMIT },
);

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
