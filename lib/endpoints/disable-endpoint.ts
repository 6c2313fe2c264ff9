import { db } from "@/lib/db";
import { pauseEndpointDeliveries } from "@/lib/delivery/store/update-deliveries";
import { createNotice } from "@/lib/notices/create-notice";
import { offerRecover } from "./recover-offer";
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
    // A cycle that never succeeded makes no recovered notice; the next enable starts another.
    data: { disabled: true, disabledReason: reason, disabledAt: at, disabledDetail: detail, disablingSince: null, reenabledAt: null, lastDisabledAt: null },
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
 * a recover, which is offered until it is run or dismissed (recover-offer.ts). Its first
 * success after this makes an endpoint.recovered notice (lib/health/note-recoveries.ts).
 * False when it was enabled already.
 */
export async function enableEndpoint(endpoint: EndpointRef, at: Date = new Date()): Promise<boolean> {
  const before = await db.endpoint.findUnique({ where: { id: endpoint.id }, select: { disabled: true, disabledAt: true, type: true } });
  if (!before?.disabled) return false;
  // "Receiving again" is news only for an endpoint that was sent to before: one created
  // disabled and enabled for the first time gets no recovered notice.
  const sentBefore = before.type === "webhook" && (await db.attempt.findFirst({ where: { endpointId: endpoint.id }, select: { id: true } })) !== null;
  const { count } = await db.endpoint.updateMany({
    where: { id: endpoint.id, disabled: true },
    data: {
      disabled: false,
      disabledReason: null,
      disabledAt: null,
      disabledDetail: null,
      failingSince: null,
      disablingSince: null,
      // A polling endpoint is read, not sent to: no attempt of it can succeed or be recovered.
      ...(sentBefore && { reenabledAt: at, lastDisabledAt: before.disabledAt ?? at }),
    },
  });
  if (count === 0) return false;
  if (before.type === "webhook") await offerRecover(endpoint.id);
  await emitEndpointEnabled(endpoint.orgId, endpoint);
  return true;
}
