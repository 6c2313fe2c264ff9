import { withOrg } from "@/lib/auth/with-org";
import { deleteEventType, findEventType, patchEventType, upsertEventType } from "@/lib/event-types/manage-event-types";
import { EVENT_TYPE_BODY_LIMIT, ZEventTypePatch, ZEventTypeUpsert } from "@/lib/event-types/schemas";
import { serializeEventType } from "@/lib/event-types/serialize-event-type";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { name: string };

// GET /api/v1/event-type/{event_type_name} — one event type
export const GET = withOrg<P>(async (_request, { auth, params }) => Response.json(serializeEventType(await findEventType(auth, params.name))), {
  portal: "ViewBase",
});

// PUT /api/v1/event-type/{event_type_name} — replace an event type, or create it
export const PUT = withOrg<P>(
  async (request, { auth, params }) => {
    const { eventType, created } = await upsertEventType(auth, params.name, ZEventTypeUpsert.parse(await readJson(request)));
    return Response.json(serializeEventType(eventType), { status: created ? 201 : 200 });
  },
  { bodyLimit: () => EVENT_TYPE_BODY_LIMIT },
);

// PATCH /api/v1/event-type/{event_type_name} — change some fields of an event type
export const PATCH = withOrg<P>(
  async (request, { auth, params }) =>
    Response.json(serializeEventType(await patchEventType(auth, params.name, ZEventTypePatch.parse(await readJson(request))))),
  { bodyLimit: () => EVENT_TYPE_BODY_LIMIT },
);

// DELETE /api/v1/event-type/{event_type_name} — archive (or with ?expunge=true delete) an event type
export const DELETE = withOrg<P>(async (request, { auth, params }) => {
  await deleteEventType(auth, params.name, { expunge: new URL(request.url).searchParams.get("expunge") === "true" });
  return new Response(null, { status: 204 });
});

// POST — 405 with the methods allowed here
export const { POST } = otherMethods("GET", "PUT", "PATCH", "DELETE");
