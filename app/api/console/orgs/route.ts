import { cookies } from "next/headers";
import { ACTIVE_ORG_COOKIE, getConsoleSession } from "@/lib/auth/session";
import { withUser } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { createOrganization } from "@/lib/orgs/create-organization";
import { ZCreateOrganizationInput } from "@/lib/team/schemas";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/console/orgs — the organizations the signed-in user belongs to
export const GET = withUser(async () => {
  const session = await getConsoleSession();
  return Response.json({
    data: session!.memberships.map((m) => ({ id: m.org.id, name: m.org.name, role: m.role })),
    activeId: session!.active?.org.id ?? null,
  });
});

// POST /api/console/orgs — start a new organization (and switch to it)
export const POST = withUser(async (request, { user, ip }) => {
  const org = await createOrganization(user.id, ZCreateOrganizationInput.parse(await readJson(request)), { userId: user.id, ip });
  (await cookies()).set(ACTIVE_ORG_COOKIE, org.id, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
  return Response.json(org, { status: 201 });
});

// PUT, PATCH, DELETE — 405 with the methods allowed here
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
