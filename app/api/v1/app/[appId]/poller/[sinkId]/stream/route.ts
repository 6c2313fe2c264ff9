import { withOrg } from "@/lib/auth/with-org";
import { fromPath } from "@/lib/errors";
import { otherMethods } from "@/lib/http/other-methods";
import { parsePollQuery, ZConsumerId } from "@/lib/polling/schemas";
import { streamMessages } from "@/lib/polling/stream-messages";
import { withTokenParam } from "@/lib/polling/token-param";

export const dynamic = "force-dynamic";
type P = { appId: string; sinkId: string };

const handler = withOrg<P>(
  async (request, { auth, params }) => {
    const url = new URL(request.url);
    const consumer = url.searchParams.get("consumer");
    return streamMessages(auth, params.appId, params.sinkId, {
      query: parsePollQuery(url, ["iterator", "event_type", "channel", "after"]),
      consumerId: consumer === null ? undefined : fromPath(ZConsumerId, consumer, "consumer"),
      lastEventId: request.headers.get("last-event-id"),
      signal: request.signal,
    });
  },
  { pollingToken: true },
);

// GET /api/v1/app/{app_id}/poller/{sink_id}/stream — the polling endpoint's messages as Server-Sent Events, resumable (Pigeon's)
export const GET = (request: Request, context: { params: Promise<P> }) => handler(withTokenParam(request), context);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
