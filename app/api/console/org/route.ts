import { withOrg } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";
import { deleteOrganization, renameOrganization } from "@/lib/orgs/manage-organization";
import { ZCreateOrganizationInput } from "@/lib/team/schemas";

export const dynamic = "force-dynamic";

// PATCH /api/console/org — rename the active organization (admins)
export const PATCH = withOrg(
  async (request, { auth }) => Response.json(await renameOrganization(auth, ZCreateOrganizationInput.parse(await readJson(request)).name)),
  {
    role: "admin",
  },
);

// DELETE /api/console/org?name=<its exact name> — delete the active organization and everything in it (owners)
export const DELETE = withOrg(
  async (request, { auth }) => {
    await deleteOrganization(auth, new URL(request.url).searchParams.get("name"));
    return new Response(null, { status: 204 });
  },
  { role: "owner" },
);

// GET, POST, PUT — 405 with the methods allowed here
export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
