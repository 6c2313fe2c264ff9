import type { AuthContext } from "@/lib/auth/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { timeOfId } from "@/lib/ids";
import { findEndpoint } from "./find-endpoint";

// After a disabled endpoint is enabled again, the console offers to recover what was paused
// meanwhile. The offer is the endpoint's (recoverOfferSince, recoverOfferCount), not the
// page's, so it waits across reloads, other pages and other people until someone recovers
// the endpoint or dismisses it.

/**
 * Makes the offer from the endpoint's paused deliveries as they are now (called on enable):
 * from the oldest paused message, so a recover from there sends every one of them; none
 * paused, no offer. One read of the (endpointId, status, messageId) index.
 */
export async function offerRecover(endpointId: string): Promise<void> {
  const paused = await db.delivery.aggregate({ where: { endpointId, status: "paused" }, _count: { _all: true }, _min: { messageId: true } });
  const oldest = paused._min.messageId;
  await db.endpoint.update({
    where: { id: endpointId },
    data: oldest
      ? { recoverOfferSince: new Date(timeOfId(oldest)), recoverOfferCount: paused._count._all }
      : { recoverOfferSince: null, recoverOfferCount: null },
  });
}

/** Withdraws the offer, if there is one (a recover of the endpoint was started); true when there was. */
export async function withdrawRecoverOffer(endpointId: string): Promise<boolean> {
  const { count } = await db.endpoint.updateMany({
    where: { id: endpointId, recoverOfferSince: { not: null } },
    data: { recoverOfferSince: null, recoverOfferCount: null },
  });
  return count > 0;
}

/** A person declines the offer: it is gone for everyone (audited). Dismissing it again changes nothing. */
export async function dismissRecoverOffer(auth: AuthContext, appRef: string, endpointRef: string) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  if (await withdrawRecoverOffer(endpoint.id)) {
    await recordAuditEvent({
      orgId: auth.org.id,
      actor: auth.actor,
      action: "endpoint.recover_offer_dismissed",
      targetType: "endpoint",
      targetId: endpoint.id,
      data: { since: endpoint.recoverOfferSince?.toISOString() ?? null, paused: endpoint.recoverOfferCount },
    });
  }
  return db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
}
