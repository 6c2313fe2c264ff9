import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { orgLimits } from "@/lib/orgs/org-limits";
import { authOptions } from "./auth-options";

export const ACTIVE_ORG_COOKIE = "pigeon-org";

/** The signed-in user, or null. */
export async function getSessionUser() {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}

/**
 * The signed-in user with their organizations and the active one (chosen by cookie,
 * verified against their memberships; the first one otherwise).
 */
export async function getConsoleSession() {
  const user = await getSessionUser();
  if (!user) return null;
  const rows = await db.membership.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "asc" },
    select: { role: true, org: { select: { id: true, name: true, apiRateLimit: true, maxPayloadBytes: true } } },
  });
  const memberships = rows.map(({ role, org: { apiRateLimit, maxPayloadBytes, ...org } }) => ({ role, org: { ...org, limits: orgLimits({ apiRateLimit, maxPayloadBytes }) } }));
  const wanted = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  const active = memberships.find((m) => m.org.id === wanted) ?? memberships[0] ?? null;
  return { user, memberships, active };
}

export type ConsoleSession = NonNullable<Awaited<ReturnType<typeof getConsoleSession>>>;
