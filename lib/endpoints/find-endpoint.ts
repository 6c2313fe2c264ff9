import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";

/** The caller's endpoint, both refs by our id or the user's uid; anyone else's is "not found". */
export async function findEndpoint(auth: AuthContext, appRef: string, endpointRef: string) {
  const app = await findApplication(auth, appRef);
  const endpoint = await db.endpoint.findFirst({ where: { appId: app.id, OR: [{ id: endpointRef }, { uid: endpointRef }] } });
  // A polling endpoint's token sees its own endpoint only.
  if (!endpoint || (auth.pollingEndpointId && endpoint.id !== auth.pollingEndpointId)) throw notFound("Endpoint");
  return { app, endpoint };
}

/** Resend, recover and examples send to a URL; a polling endpoint's consumers read its messages instead. */
export function assertSendable(endpoint: { type: string }) {
  if (endpoint.type === "polling") {
    throw new AppError("conflict", "This is a polling endpoint: its consumers read every message from the poller API or its stream, so nothing is sent to it");
  }
}
