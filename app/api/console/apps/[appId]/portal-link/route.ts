import { withOrg } from "@/lib/auth/with-org";
import { otherMethods } from "@/lib/http/other-methods";
import { openPortalLink } from "@/lib/portal/open-portal-link";

export const dynamic = "force-dynamic";
type P = { appId: string };

// POST /api/console/apps/{app_id}/portal-link — a one-hour link to the application's customer portal (developers)
export const POST = withOrg<P>(async (_request, { auth, params }) => Response.json(await openPortalLink(auth, params.appId)), {
  role: "developer",
  secretAnswer: true,
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
