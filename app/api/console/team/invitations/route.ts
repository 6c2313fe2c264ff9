import { withOrg } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { inviteMember } from "@/lib/team/invite-member";
import { ZInviteMemberInput } from "@/lib/team/schemas";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// POST /api/console/team/invitations — invite an email with a role
export const POST = withOrg(
  async (request, { auth }) => Response.json(await inviteMember(auth, ZInviteMemberInput.parse(await readJson(request))), { status: 201 }),
  { role: "admin", secretAnswer: true },
);

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
