import { withOrg } from "@/lib/auth/with-org";
import { listTeam } from "@/lib/team/list-team";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/console/team — members and pending invitations
export const GET = withOrg(async (_request, { auth }) => Response.json(await listTeam(auth)));

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
