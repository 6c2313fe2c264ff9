import { withOrg } from "@/lib/auth/with-org";
import { recoverEndpoint } from "@/lib/endpoints/recover-endpoint";
import { ZRecoverIn } from "@/lib/endpoints/schemas";
import { readJson } from "@/lib/http/read-json";
import { serializeTask } from "@/lib/tasks/serialize-task";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// POST /api/v1/app/{app_id}/endpoint/{endpoint_id}/recover — send the endpoint's failed messages since a time again
export const POST = withOrg<P>(
  async (request, { auth, params }) => {
    const { id, status, task, updatedAt } = serializeTask(
      await recoverEndpoint(auth, params.appId, params.endpointId, ZRecoverIn.parse(await readJson(request))),
    );
    return Response.json({ id, status, task, updatedAt }, { status: 202 });
  },
  { portal: "CreateAttempts", role: "developer" },
);

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
