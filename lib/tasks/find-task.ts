import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/**
 * One of the organization's background tasks; anyone else's is "not found". A customer
 * portal session sees only the tasks of its own application's endpoints (the recovers it
 * can start).
 */
export async function findTask(auth: AuthContext, id: string) {
  const task = await db.task.findFirst({ where: { id, orgId: auth.org.id } });
  if (!task) throw notFound("Background task");
  if (auth.portal) {
    const endpointId = (task.data as { endpointId?: unknown } | null)?.endpointId;
    const ownEndpoint = typeof endpointId === "string" && (await db.endpoint.count({ where: { id: endpointId, appId: auth.portal.appId } })) > 0;
    if (!ownEndpoint) throw notFound("Background task");
  }
  return task;
}
