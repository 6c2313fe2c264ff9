import type { Endpoint } from "@/lib/db";
import { TIMEOUTS_TO_OPEN } from "@/lib/delivery/circuit-breaker";

/**
 * EndpointOut as in the Svix API, plus Pigeon's: attempts in flight at once, why and when a
 * disabled endpoint was disabled, the recover offered after it was enabled again, and
 * whether it is backed off because its attempts keep timing out (`backedOff.until`: when
 * the next single attempt may go).
 */
export function serializeEndpoint(endpoint: Endpoint) {
  return {
    id: endpoint.id,
    uid: endpoint.uid,
    // Pigeon's: "webhook" (POSTed to url) or "polling" (read by its consumers; url is empty).
    type: endpoint.type,
    url: endpoint.url,
    description: endpoint.description,
    version: endpoint.version,
    throttleRate: endpoint.throttleRate,
    maxInFlight: endpoint.maxInFlight,
    // Pigeon's, against noise: several messages in one POST (null: one per message), and one at a time in order.
    batch: endpoint.batchMaxSize === null ? null : { maxSize: endpoint.batchMaxSize, maxWaitMs: endpoint.batchMaxWaitMs ?? 0 },
    ordering: endpoint.ordering,
    fifoOnExhausted: endpoint.fifoOnExhausted,
    disabled: endpoint.disabled,
    eventTypes: (endpoint.filterTypes as string[] | null) ?? null,
    channels: (endpoint.channels as string[] | null) ?? null,
    metadata: (endpoint.metadata ?? {}) as Record<string, string>,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
    disabledReason: endpoint.disabledReason,
    disabledDetail: endpoint.disabledDetail,
    disabledAt: endpoint.disabledAt,
    // The start of a polling endpoint's token, to tell tokens apart (the token itself is shown once).
    tokenPrefix: endpoint.tokenPrefix,
    // Pigeon's: once re-enabled, the offer to recover what was paused while it was disabled
    // (from the oldest paused message; how many were paused), until recovered or dismissed.
    recoverOffer: endpoint.recoverOfferSince ? { since: endpoint.recoverOfferSince, paused: endpoint.recoverOfferCount ?? 0 } : null,
    backedOff: endpoint.timeoutStreak >= TIMEOUTS_TO_OPEN ? { timeouts: endpoint.timeoutStreak, until: endpoint.backoffUntil } : null,
  };
}
export type EndpointOut = ReturnType<typeof serializeEndpoint>;
