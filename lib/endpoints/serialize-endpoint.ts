import type { Endpoint } from "@/lib/db";

/** EndpointOut as in the Svix API, plus why and when a disabled endpoint was disabled. */
export function serializeEndpoint(endpoint: Endpoint) {
  return {
    id: endpoint.id,
    uid: endpoint.uid,
    url: endpoint.url,
    description: endpoint.description,
    version: endpoint.version,
    throttleRate: endpoint.throttleRate,
    disabled: endpoint.disabled,
    eventTypes: (endpoint.filterTypes as string[] | null) ?? null,
    channels: (endpoint.channels as string[] | null) ?? null,
    metadata: (endpoint.metadata ?? {}) as Record<string, string>,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
    disabledReason: endpoint.disabledReason,
    disabledDetail: endpoint.disabledDetail,
    disabledAt: endpoint.disabledAt,
  };
}
export type EndpointOut = ReturnType<typeof serializeEndpoint>;
