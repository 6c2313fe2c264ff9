import { withOrg } from "@/lib/auth/with-org";
import { fromPath } from "@/lib/errors";
import { otherMethods } from "@/lib/http/other-methods";
import { consumerPoll } from "@/lib/polling/poll-messages";
import { parsePollQuery, ZConsumerId } from "@/lib/polling/schemas";

export const dynamic = "force-dynamic";
type P = { appId: string; sinkId: string; consumerId: string };

// GET /api/v1/app/{app_id}/poller/{sink_id}/consumer/{consumer_id} — the next page for this consumer, which the server remembers (Svix's consumerPoll)
export const GET = withOrg<P>(
  async (request, { auth, params }) =>
    Response.json(
      await consumerPoll(
        auth,
        params.appId,
        params.sinkId,
        fromPath(ZConsumerId, params.consumerId, "consumer_id"),
        parsePollQuery(new URL(request.url), ["limit", "iterator"]),
      ),
    ),
  { pollingToken: true },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
