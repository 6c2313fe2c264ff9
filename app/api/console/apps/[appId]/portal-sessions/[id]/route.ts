import { withOrg } from "@/lib/auth/with-org";
import { otherMethods } from "@/lib/http/other-methods";
import { revokeAppPortalSession } from "@/lib/portal/revoke-portal-sessions";

export const dynamic = "force-dynamic";
type P = { appId: string; id: string };

// DELETE /api/console/apps/{app_id}/portal-sessions/{id} — end a customer portal session at once (developers, audited)
export const DELETE = withOrg<P>(
  async (_request, { auth, params }) => {
    await revokeAppPortalSession(auth, params.appId, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "developer" },
);

// GET, POST, PUT, PATCH — 405 with the methods allowed here
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
