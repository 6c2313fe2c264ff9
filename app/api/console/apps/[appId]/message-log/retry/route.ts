import { withOrg } from "@/lib/auth/with-org";
import { otherMethods } from "@/lib/http/other-methods";
import { parseMessageLogQuery } from "@/lib/messages/list-message-log";
import { previewRetry, retryFailedMessages } from "@/lib/messages/retry-failed-messages";

export const dynamic = "force-dynamic";
type P = { appId: string };

// GET /api/console/apps/{app_id}/message-log/retry — how many failed deliveries the log's filters (same query as the log) would send again
export const GET = withOrg<P>(async (request, { auth, params }) => {
  return Response.json(await previewRetry(auth, params.appId, parseMessageLogQuery(new URL(request.url))));
});

// POST /api/console/apps/{app_id}/message-log/retry — send the filtered failures again (once per Idempotency-Key)
export const POST = withOrg<P>(async (request, { auth, params }) => {
  return Response.json(await retryFailedMessages(auth, params.appId, parseMessageLogQuery(new URL(request.url))), { status: 202 });
});

// PUT, PATCH, DELETE — 405 with the methods allowed here
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
