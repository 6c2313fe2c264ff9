// A webhook endpoint is known by its URL; a polling endpoint has none (its consumers read
// it), so the console names it by its uid or id wherever a list, a filter or a tooltip
// would otherwise show a blank.

interface Named {
  id: string;
  type: "webhook" | "polling";
  url: string;
  uid?: string | null;
}

export const isPolling = (endpoint: Pick<Named, "type">) => endpoint.type === "polling";

/** One line of plain text: the URL, or "Polling endpoint ep_…". */
export function endpointName(endpoint: Named): string {
  return isPolling(endpoint) ? `Polling endpoint ${endpoint.uid ?? endpoint.id}` : endpoint.url;
}
