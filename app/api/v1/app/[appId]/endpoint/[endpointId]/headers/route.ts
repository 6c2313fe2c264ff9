import { withOrg } from "@/lib/auth/with-org";
import { getEndpointHeaders, updateEndpointHeaders } from "@/lib/endpoints/endpoint-headers";
import { ZHeadersIn, ZHeadersPatchIn } from "@/lib/endpoints/schemas";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// GET /api/v1/app/{app_id}/endpoint/{endpoint_id}/headers — custom headers (credential values hidden)
export const GET = withOrg<P>(async (_request, { auth, params }) => Response.json(await getEndpointHeaders(auth, params.appId, params.endpointId)), {
  portal: "ViewBase",
});

// PUT /api/v1/app/{app_id}/endpoint/{endpoint_id}/headers — replace the custom headers
export const PUT = withOrg<P>(
  async (request, { auth, params }) => {
    await updateEndpointHeaders(auth, params.appId, params.endpointId, { mode: "replace", ...ZHeadersIn.parse(await readJson(request)) });
    return new Response(null, { status: 204 });
  },
  { portal: "ManageEndpoint" },
);

// PATCH /api/v1/app/{app_id}/endpoint/{endpoint_id}/headers — set some headers, delete others
export const PATCH = withOrg<P>(
  async (request, { auth, params }) => {
    await updateEndpointHeaders(auth, params.appId, params.endpointId, { mode: "patch", ...ZHeadersPatchIn.parse(await readJson(request)) });
    return new Response(null, { status: 204 });
  },
  { portal: "ManageEndpoint" },
);

// POST, DELETE — 405 with the methods allowed here
export const { POST, DELETE } = otherMethods("GET", "PUT", "PATCH");
