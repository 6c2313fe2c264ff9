import { withOrg } from "@/lib/auth/with-org";
import { ZSendExampleIn } from "@/lib/endpoints/schemas";
import { sendExample } from "@/lib/endpoints/send-example";
import { readJson } from "@/lib/http/read-json";
import { serializeMessage } from "@/lib/messages/serialize-message";
import { messageBodyLimit } from "@/lib/orgs/org-limits";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; endpointId: string };

// POST /api/v1/app/{app_id}/endpoint/{endpoint_id}/send-example — a message with the event type's example, to this endpoint only
export const POST = withOrg<P>(
  async (request, { auth, params }) => {
    const message = await sendExample(auth, params.appId, params.endpointId, ZSendExampleIn.parse(await readJson(request)));
    return Response.json(serializeMessage(message), { status: 202 });
  },
  { portal: "CreateAttempts", role: "developer", bodyLimit: (auth) => messageBodyLimit(auth.org.limits) },
);

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
