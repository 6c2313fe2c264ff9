import { withOrg } from "@/lib/auth/with-org";
import { listUndocumentedEventTypes } from "@/lib/event-types/list-undocumented";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/console/event-types/undocumented — event types seen in messages but not in the catalogue, with an example each
export const GET = withOrg(async (_request, { auth }) => Response.json({ data: await listUndocumentedEventTypes(auth) }));

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
