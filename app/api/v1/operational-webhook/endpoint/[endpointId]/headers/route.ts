import { withOrg } from "@/lib/auth/with-org";
import { getEndpointHeaders, updateEndpointHeaders } from "@/lib/endpoints/endpoint-headers";
import { ZHeadersIn, ZHeadersPatchIn } from "@/lib/endpoints/schemas";
import { readJson } from "@/lib/http/read-json";
import { operationalScope } from "@/lib/operational/operational-app";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { endpointId: string };

// GET /api/v1/operational-webhook/endpoint/{endpoint_id}/headers
export const GET = withOrg<P>(async (_request, { auth: caller, params }) => {
  const { auth, appId } = await operationalScope(caller);
  return Response.json(await getEndpointHeaders(auth, appId, params.endpointId));
});

// PUT /api/v1/operational-webhook/endpoint/{endpoint_id}/headers
export const PUT = withOrg<P>(
  async (request, { auth: caller, params }) => {
    const { auth, appId } = await operationalScope(caller);
    await updateEndpointHeaders(auth, appId, params.endpointId, { mode: "replace", ...ZHeadersIn.parse(await readJson(request)) });
    return new Response(null, { status: 204 });
  },
  { role: "admin" },
);

// PATCH /api/v1/operational-webhook/endpoint/{endpoint_id}/headers
export const PATCH = withOrg<P>(
  async (request, { auth: caller, params }) => {
    const { auth, appId } = await operationalScope(caller);
    await updateEndpointHeaders(auth, appId, params.endpointId, { mode: "patch", ...ZHeadersPatchIn.parse(await readJson(request)) });
    return new Response(null, { status: 204 });
  },
  { role: "admin" },
);

// POST, DELETE — 405 with the methods allowed here
export const { POST, DELETE } = otherMethods("GET", "PUT", "PATCH");
