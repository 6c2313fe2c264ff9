import { withOrg } from "@/lib/auth/with-org";
import { createEventType, listEventTypes } from "@/lib/event-types/manage-event-types";
import { EVENT_TYPE_BODY_LIMIT, isEventTypeName, ZEventTypeIn } from "@/lib/event-types/schemas";
import { serializeEventType } from "@/lib/event-types/serialize-event-type";
import { parseListParams } from "@/lib/http/pagination";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/v1/event-type — the event-type catalogue (?include_archived=true)
export const GET = withOrg(
  async (request, { auth }) => {
    const url = new URL(request.url);
    return Response.json(
      await listEventTypes(auth, parseListParams(url, isEventTypeName), { includeArchived: url.searchParams.get("include_archived") === "true" }),
    );
  },
  { portal: "ViewBase" },
);

// POST /api/v1/event-type — add an event type
export const POST = withOrg(
  async (request, { auth }) => Response.json(serializeEventType(await createEventType(auth, ZEventTypeIn.parse(await readJson(request)))), { status: 201 }),
  { bodyLimit: () => EVENT_TYPE_BODY_LIMIT },
);

// PUT, PATCH, DELETE — 405 with the methods allowed here
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
