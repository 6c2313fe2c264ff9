import { withOrg } from "@/lib/auth/with-org";
import { findEndpoint } from "@/lib/endpoints/find-endpoint";
import { ZEndpointPatch, ZEndpointUpsert } from "@/lib/endpoints/schemas";
import { serializeEndpoint } from "@/lib/endpoints/serialize-endpoint";
import { deleteEndpoint, patchEndpoint, upsertEndpoint } from "@/lib/endpoints/update-endpoint";
import { readJson } from "@/lib/http/read-json";
import { operationalScope } from "@/lib/operational/operational-app";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { endpointId: string };

// GET /api/v1/operational-webhook/endpoint/{endpoint_id}
export const GET = withOrg<P>(async (_request, { auth: caller, params }) => {
  const { auth, appId } = await operationalScope(caller);
  return Response.json(serializeEndpoint((await findEndpoint(auth, appId, params.endpointId)).endpoint));
});

// PUT /api/v1/operational-webhook/endpoint/{endpoint_id} — replace it, or create it with that uid
export const PUT = withOrg<P>(
  async (request, { auth: caller, params }) => {
    const { auth, appId } = await operationalScope(caller);
    const { endpoint, created } = await upsertEndpoint(auth, appId, params.endpointId, ZEndpointUpsert.parse(await readJson(request)));
    return Response.json(serializeEndpoint(endpoint), { status: created ? 201 : 200 });
  },
  { role: "admin" },
);

// PATCH /api/v1/operational-webhook/endpoint/{endpoint_id}
export const PATCH = withOrg<P>(
  async (request, { auth: caller, params }) => {
    const { auth, appId } = await operationalScope(caller);
    return Response.json(serializeEndpoint(await patchEndpoint(auth, appId, params.endpointId, ZEndpointPatch.parse(await readJson(request)))));
  },
  { role: "admin" },
);

// DELETE /api/v1/operational-webhook/endpoint/{endpoint_id}
export const DELETE = withOrg<P>(
  async (_request, { auth: caller, params }) => {
    const { auth, appId } = await operationalScope(caller);
    await deleteEndpoint(auth, appId, params.endpointId);
    return new Response(null, { status: 204 });
  },
  { role: "admin" },
);

// POST — 405 with the methods allowed here
export const { POST } = otherMethods("GET", "PUT", "PATCH", "DELETE");
