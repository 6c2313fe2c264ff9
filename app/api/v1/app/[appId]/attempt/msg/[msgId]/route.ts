import { listAttempts } from "@/lib/attempts/list-attempts";
import { parseAttemptListQuery } from "@/lib/attempts/schemas";
import { withOrg } from "@/lib/auth/with-org";
import { parseListParams } from "@/lib/http/pagination";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string; msgId: string };

// GET /api/v1/app/{app_id}/attempt/msg/{msg_id} — a message's attempts, newest first
export const GET = withOrg<P>(
  async (request, { auth, params }) => {
    const url = new URL(request.url);
    return Response.json(
      await listAttempts(auth, params.appId, { message: params.msgId }, parseListParams(url, "attempt", "descending"), parseAttemptListQuery(url)),
    );
  },
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
