import { withOrg } from "@/lib/auth/with-org";
import { createEndpoint } from "@/lib/endpoints/create-endpoint";
import { listEndpoints } from "@/lib/endpoints/list-endpoints";
import { ZEndpointIn } from "@/lib/endpoints/schemas";
import { serializeEndpoint } from "@/lib/endpoints/serialize-endpoint";
import { invalid } from "@/lib/errors";
import { parseListParams } from "@/lib/http/pagination";
import { readJson } from "@/lib/http/read-json";
import { operationalScope } from "@/lib/operational/operational-app";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/v1/operational-webhook/endpoint — the organization's operational webhook endpoints
export const GET = withOrg(async (request, context) => {
  const { auth, appId } = await operationalScope(context.auth);
  return Response.json(await listEndpoints(auth, appId, parseListParams(new URL(request.url), "endpoint")));
});

// POST /api/v1/operational-webhook/endpoint — add one (admins)
export const POST = withOrg(
  async (request, context) => {
    const { auth, appId } = await operationalScope(context.auth);
    const data = ZEndpointIn.parse(await readJson(request));
    if (data.type !== "webhook") throw invalid(["body", "type"], 'must be "webhook": operational webhooks are sent to a URL');
    const { token: _none, ...endpoint } = await createEndpoint(auth, appId, data);
    return Response.json(serializeEndpoint(endpoint), { status: 201 });
  },
  { role: "admin" },
);

// PUT, PATCH, DELETE — 405 with the methods allowed here
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
