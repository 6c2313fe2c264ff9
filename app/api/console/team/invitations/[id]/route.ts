import { withOrg } from "@/lib/auth/with-org";
import { revokeInvitation } from "@/lib/team/manage-members";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// DELETE /api/console/team/invitations/{id} — revoke a pending invitation
export const DELETE = withOrg<{ id: string }>(
  async (_request, { auth, params }) => {
    await revokeInvitation(auth, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "admin" },
);

// GET, POST, PUT, PATCH — 405 with the methods allowed here
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
