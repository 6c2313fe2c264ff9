import { withOrg } from "@/lib/auth/with-org";
import { markNoticesRead } from "@/lib/notices/list-notices";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// POST /api/console/notices/read-all — mark every unread notice read
export const POST = withOrg(async (_request, { auth }) => Response.json({ updated: await markNoticesRead(auth) }), { role: "viewer" });

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
