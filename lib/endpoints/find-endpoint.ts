import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** The caller's endpoint, both refs by our id or the user's uid; anyone else's is "not found". */
export async function findEndpoint(auth: AuthContext, appRef: string, endpointRef: string) {
  const app = await findApplication(auth, appRef);
  const endpoint = await db.endpoint.findFirst({ where: { appId: app.id, OR: [{ id: endpointRef }, { uid: endpointRef }] } });
  if (!endpoint) throw notFound("Endpoint");
  return { app, endpoint };
}
