import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** The caller's application by our id or their uid; anyone else's is "not found". */
export async function findApplication(auth: AuthContext, ref: string) {
  const app = await db.application.findFirst({ where: { orgId: auth.org.id, operational: auth.operational ?? false, OR: [{ id: ref }, { uid: ref }] } });
  // A portal session sees its own application only.
  if (!app || (auth.portal && app.id !== auth.portal.appId)) throw notFound("Application");
  return app;
}
