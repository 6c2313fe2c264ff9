import { cookies } from "next/headers";
import { z } from "zod";
import { ACTIVE_ORG_COOKIE, getConsoleSession } from "@/lib/auth/session";
import { withUser } from "@/lib/auth/with-org";
import { notFound } from "@/lib/errors";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

const ZSwitchInput = z.object({ orgId: z.string().min(1) });

// POST /api/console/orgs/active — switch the console to another of the user's organizations
export const POST = withUser(async (request) => {
  const { orgId } = ZSwitchInput.parse(await readJson(request));
  const session = await getConsoleSession();
  const membership = session!.memberships.find((m) => m.org.id === orgId);
  if (!membership) throw notFound("Organization");
  (await cookies()).set(ACTIVE_ORG_COOKIE, orgId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
  return Response.json({ id: orgId, name: membership.org.name, role: membership.role });
});

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
