import { withOrg } from "@/lib/auth/with-org";
import { otherMethods } from "@/lib/http/other-methods";
import { listConsumers } from "@/lib/polling/poll-messages";

export const dynamic = "force-dynamic";
type P = { appId: string; sinkId: string };

// GET /api/v1/app/{app_id}/poller/{sink_id}/consumer — the polling endpoint's consumers: position, lag, last read (Pigeon's)
export const GET = withOrg<P>(async (_request, { auth, params }) => Response.json(await listConsumers(auth, params.appId, params.sinkId)), {
  pollingToken: true,
});

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
