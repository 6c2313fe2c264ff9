import { findAttempt } from "@/lib/attempts/find-attempt";
import { serializeAttempt } from "@/lib/attempts/serialize-attempt";
import { withOrg } from "@/lib/auth/with-org";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; msgId: string; attemptId: string };

// GET /api/v1/app/{app_id}/msg/{msg_id}/attempt/{attempt_id} — one attempt of a message
export const GET = withOrg<P>(
  async (_request, { auth, params }) => {
    return Response.json(serializeAttempt(await findAttempt(auth, params.appId, params.msgId, params.attemptId)));
  },
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
