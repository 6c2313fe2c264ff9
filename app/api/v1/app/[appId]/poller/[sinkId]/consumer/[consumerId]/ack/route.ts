import { withOrg } from "@/lib/auth/with-org";
import { fromPath } from "@/lib/errors";
import { otherMethods } from "@/lib/http/other-methods";
import { readJson } from "@/lib/http/read-json";
import { consumerAck } from "@/lib/polling/poll-messages";
import { ZAckIn, ZConsumerId } from "@/lib/polling/schemas";

export const dynamic = "force-dynamic";
type P = { appId: string; sinkId: string; consumerId: string };

// POST /api/v1/app/{app_id}/poller/{sink_id}/consumer/{consumer_id}/ack — the consumer processed everything up to this message (Pigeon's)
export const POST = withOrg<P>(
  async (request, { auth, params }) =>
    Response.json(
      await consumerAck(auth, params.appId, params.sinkId, fromPath(ZConsumerId, params.consumerId, "consumer_id"), ZAckIn.parse(await readJson(request))),
    ),
  { pollingToken: true },
);

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
