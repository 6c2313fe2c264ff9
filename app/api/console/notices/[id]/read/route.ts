import { withOrg } from "@/lib/auth/with-org";
import { markNoticesRead } from "@/lib/notices/list-notices";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// POST /api/console/notices/{id}/read — mark one notice read (anyone who can see it)
export const POST = withOrg<{ id: string }>(async (_request, { auth, params }) => Response.json({ updated: await markNoticesRead(auth, params.id) }), {
  role: "viewer",
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
