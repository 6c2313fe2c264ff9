// Which endpoints a message goes to: a pure rule, shared by the API and its tests.

export interface RoutableEndpoint {
  disabled: boolean;
  /** Event-type names; null = every type. */
  filterTypes: unknown;
  /** Channel names; null = every message. */
  channels: unknown;
}

export interface RoutableMessage {
  eventType: string;
  channels?: readonly string[] | null;
}

const asList = (value: unknown): string[] | null => (Array.isArray(value) ? (value as string[]) : null);

/**
 * An enabled endpoint receives a message when its event-type filter (if any) names the
 * message's type, and its channel filter (if any) shares a channel with the message.
 * A message without channels only reaches endpoints without a channel filter.
 */
export function endpointReceives(endpoint: RoutableEndpoint, message: RoutableMessage): boolean {
  if (endpoint.disabled) return false;
  const types = asList(endpoint.filterTypes);
  if (types && !types.includes(message.eventType)) return false;
  const channels = asList(endpoint.channels);
  if (channels) {
    const wanted = new Set(channels);
    if (!(message.channels ?? []).some((channel) => wanted.has(channel))) return false;
  }
  return true;
}

/** The endpoints among `endpoints` that receive the message. */
export function routeMessage<E extends RoutableEndpoint>(endpoints: readonly E[], message: RoutableMessage): E[] {
  return endpoints.filter((endpoint) => endpointReceives(endpoint, message));
}
