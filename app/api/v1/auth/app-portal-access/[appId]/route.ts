import { withOrg } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";
import { appPortalAccess } from "@/lib/portal/app-portal-access";
import { ZAppPortalAccessIn } from "@/lib/portal/schemas";

export const dynamic = "force-dynamic";
type P = { appId: string };

// POST /api/v1/auth/app-portal-access/{app_id} — a magic link to the application's customer portal (creates the application when `application` is given)
export const POST = withOrg<P>(
  async (request, { auth, params }) => Response.json(await appPortalAccess(auth, params.appId, ZAppPortalAccessIn.parse(await readJson(request)))),
  { secretAnswer: true },
);

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
