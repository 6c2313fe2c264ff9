import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/console/console-shell";
import { NoOrganization } from "@/components/console/no-organization";
import { getConsoleSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await getConsoleSession();
  if (!session) redirect("/login");
  if (!session.active) return <NoOrganization />;
  const value = {
    user: session.user,
    org: session.active.org,
    role: session.active.role,
    orgs: session.memberships.map((m) => ({ ...m.org, role: m.role })),
  };
  return <ConsoleShell value={value}>{children}</ConsoleShell>;
}
