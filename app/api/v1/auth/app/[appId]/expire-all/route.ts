import { withOrg } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";
import { expireAllPortalSessions } from "@/lib/portal/revoke-portal-sessions";
import { ZExpireAllIn } from "@/lib/portal/schemas";

export const dynamic = "force-dynamic";
type P = { appId: string };

// POST /api/v1/auth/app/{app_id}/expire-all — end the application's portal sessions (all, or those with the given session ids)
export const POST = withOrg<P>(async (request, { auth, params }) => {
  await expireAllPortalSessions(auth, params.appId, ZExpireAllIn.parse(await readJson(request)));
  return new Response(null, { status: 204 });
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
