import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { SHOWN_STATES, type ShownState, shownState } from "@/lib/delivery/shown-state";
import { findEndpoint } from "./find-endpoint";

/**
 * The endpoint's deliveries counted by the states the message log shows (shown-state.ts),
 * for the console's counters. Svix's EndpointStats (get-endpoint-stats.ts) keeps its own
 * buckets for the API. The statuses come from the (endpointId, status, messageId) index
 * alone; only the pending rows are read, to tell the retrying (tried already) apart.
 */
export async function countDeliveryStates(auth: AuthContext, appRef: string, endpointRef: string): Promise<Record<ShownState, number>> {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  const [groups, tried] = await Promise.all([
    db.delivery.groupBy({ by: ["status"], where: { endpointId: endpoint.id }, _count: { _all: true } }),
    db.delivery.count({ where: { endpointId: endpoint.id, status: "pending", attempts: { gt: 0 } } }),
  ]);
  const counts = Object.fromEntries(SHOWN_STATES.map((state) => [state, 0])) as Record<ShownState, number>;
  for (const group of groups) {
    const all = group._count._all;
    if (group.status === "pending") {
      counts[shownState("pending", 1)] += tried;
      counts[shownState("pending", 0)] += all - tried;
    } else {
      counts[shownState(group.status, 0)] += all;
    }
  }
  return counts;
}
