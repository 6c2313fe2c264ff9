import { withOrg } from "@/lib/auth/with-org";
import { createEndpoint, createsPollingEndpoint } from "@/lib/endpoints/create-endpoint";
import { listEndpoints } from "@/lib/endpoints/list-endpoints";
import { ZEndpointIn } from "@/lib/endpoints/schemas";
import { serializeEndpoint } from "@/lib/endpoints/serialize-endpoint";
import { parseListParams } from "@/lib/http/pagination";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string };

// GET /api/v1/app/{app_id}/endpoint — list an application's endpoints
export const GET = withOrg<P>(
  async (request, { auth, params }) => Response.json(await listEndpoints(auth, params.appId, parseListParams(new URL(request.url), "endpoint"))),
  { portal: "ViewBase" },
);

// POST /api/v1/app/{app_id}/endpoint — create an endpoint (a polling one's answer carries its token, once)
export const POST = withOrg<P>(
  async (request, { auth, params }) => {
    const { token, ...endpoint } = await createEndpoint(auth, params.appId, ZEndpointIn.parse(await readJson(request)));
    return Response.json({ ...serializeEndpoint(endpoint), ...(token ? { token } : {}) }, { status: 201 });
  },
  { portal: "ManageEndpoint", secretAnswer: createsPollingEndpoint },
);

// PUT, PATCH, DELETE — 405 with the methods allowed here
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
