import { redirect } from "next/navigation";
import type { AuthContext } from "./context";
import { getConsoleSession } from "./session";

/** The AuthContext of the signed-in user for server-rendered console pages. */
export async function consoleAuth(): Promise<AuthContext> {
  const session = await getConsoleSession();
  if (!session?.active) redirect("/login");
  return { org: session.active.org, role: session.active.role, user: session.user, actor: { userId: session.user.id } };
}
