import { withOrg } from "@/lib/auth/with-org";
import { getEndpointSecret } from "@/lib/endpoints/endpoint-secret";
import { operationalScope } from "@/lib/operational/operational-app";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { endpointId: string };

// GET /api/v1/operational-webhook/endpoint/{endpoint_id}/secret — its signing secret (admins, audited)
export const GET = withOrg<P>(
  async (_request, { auth: caller, params }) => {
    const { auth, appId } = await operationalScope(caller);
    return Response.json(await getEndpointSecret(auth, appId, params.endpointId));
  },
  { role: "admin" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
