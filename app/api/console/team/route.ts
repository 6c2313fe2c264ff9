import { withOrg } from "@/lib/auth/with-org";
import { listTeam } from "@/lib/team/list-team";

export const dynamic = "force-dynamic";

// GET /api/console/team — members and pending invitations
export const GET = withOrg(async (_request, { auth }) => Response.json(await listTeam(auth)));
