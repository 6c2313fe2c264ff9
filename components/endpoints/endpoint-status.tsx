import { Badge } from "@/components/ui/badge";
import type { Endpoint } from "@/lib/queries/endpoints";

const REASONS: Record<string, string> = {
  manual: "by hand",
  automatic: "failing",
  gone: "receiver gone",
};

/** Why an endpoint is disabled, in words. */
export function disabledReasonText(endpoint: Pick<Endpoint, "disabledReason">) {
  return endpoint.disabledReason ? (REASONS[endpoint.disabledReason] ?? endpoint.disabledReason) : null;
}

export function EndpointStatusBadge({ endpoint }: { endpoint: Pick<Endpoint, "disabled" | "disabledReason" | "disabledDetail"> }) {
  if (!endpoint.disabled) return <Badge tone="success">Enabled</Badge>;
  const reason = disabledReasonText(endpoint);
  return (
    <Badge tone={endpoint.disabledReason === "manual" ? "neutral" : "danger"} title={endpoint.disabledDetail ?? undefined}>
      Disabled{reason ? ` · ${reason}` : ""}
    </Badge>
  );
}
