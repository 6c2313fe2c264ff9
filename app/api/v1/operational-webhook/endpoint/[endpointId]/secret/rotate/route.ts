import { withOrg } from "@/lib/auth/with-org";
import { rotateEndpointSecret } from "@/lib/endpoints/endpoint-secret";
import { ZSecretRotateIn } from "@/lib/endpoints/schemas";
import { readJson } from "@/lib/http/read-json";
import { operationalScope } from "@/lib/operational/operational-app";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { endpointId: string };

// POST /api/v1/operational-webhook/endpoint/{endpoint_id}/secret/rotate
export const POST = withOrg<P>(
  async (request, { auth: caller, params }) => {
    const { auth, appId } = await operationalScope(caller);
    await rotateEndpointSecret(auth, appId, params.endpointId, ZSecretRotateIn.parse(await readJson(request)));
    return new Response(null, { status: 204 });
  },
  { role: "admin" },
);

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
