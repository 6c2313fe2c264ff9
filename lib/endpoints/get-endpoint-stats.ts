import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { idAtTime } from "@/lib/ids";
import { findEndpoint } from "./find-endpoint";

/**
 * EndpointStats as in the Svix API: the endpoint's deliveries by state, optionally only
 * those of messages sent between `since` and `until`. A window is a message id range, so
 * the count is read from the (endpointId, status, messageId) index alone.
 */
export async function getEndpointStats(auth: AuthContext, appRef: string, endpointRef: string, window: { since?: Date; until?: Date | null }) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  const messageId =
    window.since || window.until
      ? {
          ...(window.since && { gte: idAtTime("message", window.since.getTime(), "start") }),
          ...(window.until && { lte: idAtTime("message", window.until.getTime(), "end") }),
        }
      : undefined;
  const groups = await db.delivery.groupBy({ by: ["status"], where: { endpointId: endpoint.id, messageId }, _count: { _all: true } });
  const count = (...statuses: string[]) => groups.filter((g) => statuses.includes(g.status)).reduce((sum, g) => sum + g._count._all, 0);
  return { success: count("succeeded"), pending: count("pending"), sending: count("sending"), fail: count("exhausted", "paused"), canceled: 0 };
}
