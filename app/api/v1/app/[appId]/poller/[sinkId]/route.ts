import { withOrg } from "@/lib/auth/with-org";
import { otherMethods } from "@/lib/http/other-methods";
import { pollMessages } from "@/lib/polling/poll-messages";
import { parsePollQuery } from "@/lib/polling/schemas";

export const dynamic = "force-dynamic";
type P = { appId: string; sinkId: string };

// GET /api/v1/app/{app_id}/poller/{sink_id} — a page of a polling endpoint's messages (Svix's messagePoller.poll)
export const GET = withOrg<P>(
  async (request, { auth, params }) =>
    Response.json(
      await pollMessages(auth, params.appId, params.sinkId, parsePollQuery(new URL(request.url), ["limit", "iterator", "event_type", "channel", "after"])),
    ),
  { pollingToken: true },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
