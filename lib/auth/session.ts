import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { orgLimits } from "@/lib/orgs/org-limits";
import { authOptions } from "./auth-options";
import type { SessionUser } from "./session-token";

export const ACTIVE_ORG_COOKIE = "pigeon-org";

/** The signed-in user, or null; read from the database once, by the session's jwt callback. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as Partial<SessionUser> | undefined;
  return user?.id ? { id: user.id, email: user.email ?? "", name: user.name ?? "" } : null;
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
  const memberships = rows.map(({ role, org: { apiRateLimit, maxPayloadBytes, ...org } }) => ({
    role,
    org: { ...org, limits: orgLimits({ apiRateLimit, maxPayloadBytes }) },
  }));
  const wanted = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  const active = memberships.find((m) => m.org.id === wanted) ?? memberships[0] ?? null;
  return { user, memberships, active };
}

export type ConsoleSession = NonNullable<Awaited<ReturnType<typeof getConsoleSession>>>;
