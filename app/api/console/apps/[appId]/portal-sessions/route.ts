import { withOrg } from "@/lib/auth/with-org";
import { otherMethods } from "@/lib/http/other-methods";
import { listPortalSessions } from "@/lib/portal/list-portal-sessions";

export const dynamic = "force-dynamic";
type P = { appId: string };

// GET /api/console/apps/{app_id}/portal-sessions — the application's active customer portal sessions (developers)
export const GET = withOrg<P>(async (_request, { auth, params }) => Response.json(await listPortalSessions(auth, params.appId)), { role: "developer" });

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
