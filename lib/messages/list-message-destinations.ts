import type { AuthContext } from "@/lib/auth/context";
import { db, type Delivery, type DeliveryStatus, type Endpoint } from "@/lib/db";
import { keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";
import { serializeEndpoint } from "@/lib/endpoints/serialize-endpoint";
import { findMessage } from "./find-message";

/** A delivery's state as Svix's MessageStatus: a paused delivery (endpoint disabled) counts as failed. */
export function messageStatusOf(status: DeliveryStatus): { status: 0 | 1 | 2 | 3; statusText: "success" | "pending" | "fail" | "sending" } {
  switch (status) {
    case "succeeded":
      return { status: 0, statusText: "success" };
    case "pending":
      return { status: 1, statusText: "pending" };
    case "sending":
      return { status: 3, statusText: "sending" };
    default:
      return { status: 2, statusText: "fail" };
  }
}

/** MessageEndpointOut as in the Svix API, plus the delivery's own state for the console. */
export function serializeDestination(delivery: Delivery & { endpoint: Endpoint }) {
  // Svix's MessageEndpointOut is EndpointOut without metadata; the disable details and the recover offer stay on the endpoint.
  const {
    metadata: _metadata,
    disabledReason: _reason,
    disabledDetail: _detail,
    disabledAt: _at,
    recoverOffer: _offer,
    ...endpoint
  } = serializeEndpoint(delivery.endpoint);
  return {
    ...endpoint,
    ...messageStatusOf(delivery.status),
    // While sending, nextAttemptAt is the worker's lease, not a scheduled try.
    nextAttempt: delivery.status === "pending" ? delivery.nextAttemptAt : null,
    deliveryStatus: delivery.status,
    attempts: delivery.attempts,
    lastAttemptAt: delivery.lastAttemptAt,
    lastStatusCode: delivery.lastStatusCode,
  };
}

/** The endpoints a message was (or is being) delivered to, by endpoint id ascending. */
export async function listMessageDestinations(auth: AuthContext, appRef: string, messageRef: string, params: ListParams) {
  const message = await findMessage(auth, appRef, messageRef);
  const rows = await db.delivery.findMany({
    where: { messageId: message.id, endpointId: keysetWhere(params) },
    include: { endpoint: true },
    orderBy: { endpointId: keysetOrder(params) },
    take: params.limit + 1,
  });
  return pageOf(rows, params, (d) => d.endpointId, serializeDestination);
}
