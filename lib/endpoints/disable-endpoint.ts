import { db } from "@/lib/db";
import { pauseEndpointDeliveries } from "@/lib/delivery/store/update-deliveries";
import { createNotice } from "@/lib/notices/create-notice";
import { emitEndpointDisabled, emitEndpointEnabled } from "@/lib/operational/emit-operational-event";

// The one way an endpoint is disabled or enabled, whoever does it: a person or an API key
// ("manual"), the disable rule ("automatic"), or the endpoint itself answering 410 ("gone").

export type DisableReason = "manual" | "automatic" | "gone";

export interface EndpointRef {
  id: string;
  appId: string;
  uid: string | null;
  url: string;
  orgId: string;
  failingSince?: Date | null;
}

const explain: Record<DisableReason, (url: string, detail: string) => string> = {
  manual: (url, detail) => `${url} was ${detail}. Messages sent meanwhile are kept; enable the endpoint and recover them to send them.`,
  automatic: (url, detail) =>
    `Pigeon stopped sending to ${url}: ${detail}. New messages are kept; re-enable the endpoint and recover them when it works again.`,
  gone: (url) =>
    `${url} answered HTTP 410 Gone, so Pigeon stopped sending to it. New messages are kept; re-enable the endpoint and recover them if that was a mistake.`,
};

/**
 * Disables an endpoint: records why (reason and a line of detail), pauses its waiting
 * deliveries (kept, to be recovered), tells the team (a notice, by email too) and the
 * organization's operational endpoints (endpoint.disabled). False when it was disabled already.
 */
export async function disableEndpoint(endpoint: EndpointRef, reason: DisableReason, detail: string, at: Date = new Date()): Promise<boolean> {
  const { count } = await db.endpoint.updateMany({
    where: { id: endpoint.id, disabled: false },
    data: { disabled: true, disabledReason: reason, disabledAt: at, disabledDetail: detail, disablingSince: null },
  });
  if (count === 0) return false;
  const paused = await pauseEndpointDeliveries(endpoint.id, at.getTime());
  await emitEndpointDisabled(endpoint.orgId, { ...endpoint, disabledAt: at }, reason === "manual" ? "manual" : "automatic");
  await createNotice({
    orgId: endpoint.orgId,
    kind: "endpoint.disabled",
    appId: endpoint.appId,
    endpointId: endpoint.id,
    title: `Endpoint disabled: ${endpoint.url}`,
    body: explain[reason](endpoint.url, detail),
    data: { reason, detail, paused },
  });
  return true;
}

/**
 * Enables a disabled endpoint: new messages go out again; those paused meanwhile wait for
 * a recover (the console offers one). False when it was enabled already.
 */
export async function enableEndpoint(endpoint: EndpointRef): Promise<boolean> {
  const { count } = await db.endpoint.updateMany({
    where: { id: endpoint.id, disabled: true },
    data: { disabled: false, disabledReason: null, disabledAt: null, disabledDetail: null, failingSince: null, disablingSince: null },
  });
  if (count === 0) return false;
  await emitEndpointEnabled(endpoint.orgId, endpoint);
  return true;
}
