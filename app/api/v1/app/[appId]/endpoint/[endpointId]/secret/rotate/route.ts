import { withOrg } from "@/lib/auth/with-org";
import { rotateEndpointSecret } from "@/lib/endpoints/endpoint-secret";
import { ZSecretRotateIn } from "@/lib/endpoints/schemas";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// POST /api/v1/app/{app_id}/endpoint/{endpoint_id}/secret/rotate — new (or given) secret; the old one signs during the grace period
export const POST = withOrg<P>(
  async (request, { auth, params }) => {
    await rotateEndpointSecret(auth, params.appId, params.endpointId, ZSecretRotateIn.parse(await readJson(request)));
    return new Response(null, { status: 204 });
  },
  { portal: "ManageEndpointSecret" },
);

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
