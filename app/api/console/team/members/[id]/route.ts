import { withOrg } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { changeMemberRole, removeMember } from "@/lib/team/manage-members";
import { ZChangeRoleInput } from "@/lib/team/schemas";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// PATCH /api/console/team/members/{id} — change a member's role
export const PATCH = withOrg<{ id: string }>(
  async (request, { auth, params }) => {
    const member = await changeMemberRole(auth, params.id, ZChangeRoleInput.parse(await readJson(request)));
    return Response.json({ id: member.id, role: member.role });
  },
  { role: "admin" },
);

// DELETE /api/console/team/members/{id} — remove a member from the organization
export const DELETE = withOrg<{ id: string }>(
  async (_request, { auth, params }) => {
    await removeMember(auth, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "admin" },
);

// GET, POST, PUT — 405 with the methods allowed here
export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
