import { withOrg } from "@/lib/auth/with-org";
import { findEndpoint } from "@/lib/endpoints/find-endpoint";
import { ZEndpointPatch, ZEndpointUpsert } from "@/lib/endpoints/schemas";
import { serializeEndpoint } from "@/lib/endpoints/serialize-endpoint";
import { deleteEndpoint, patchEndpoint, upsertEndpoint } from "@/lib/endpoints/update-endpoint";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// GET /api/v1/app/{app_id}/endpoint/{endpoint_id} — one endpoint
export const GET = withOrg<P>(
  async (_request, { auth, params }) => Response.json(serializeEndpoint((await findEndpoint(auth, params.appId, params.endpointId)).endpoint)),
  { portal: "ViewBase" },
);

// PUT /api/v1/app/{app_id}/endpoint/{endpoint_id} — replace an endpoint, or create it with that uid
export const PUT = withOrg<P>(
  async (request, { auth, params }) => {
    const { endpoint, created } = await upsertEndpoint(auth, params.appId, params.endpointId, ZEndpointUpsert.parse(await readJson(request)));
    return Response.json(serializeEndpoint(endpoint), { status: created ? 201 : 200 });
  },
  { portal: "ManageEndpoint" },
);

// PATCH /api/v1/app/{app_id}/endpoint/{endpoint_id} — change some fields of an endpoint
export const PATCH = withOrg<P>(
  async (request, { auth, params }) =>
    Response.json(serializeEndpoint(await patchEndpoint(auth, params.appId, params.endpointId, ZEndpointPatch.parse(await readJson(request))))),
  { portal: "ManageEndpoint" },
);

// DELETE /api/v1/app/{app_id}/endpoint/{endpoint_id} — delete an endpoint
export const DELETE = withOrg<P>(
  async (_request, { auth, params }) => {
    await deleteEndpoint(auth, params.appId, params.endpointId);
    return new Response(null, { status: 204 });
  },
  { portal: "ManageEndpoint" },
);

// POST — 405 with the methods allowed here
export const { POST } = otherMethods("GET", "PUT", "PATCH", "DELETE");
