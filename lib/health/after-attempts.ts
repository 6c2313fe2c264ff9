import { createNotice } from "@/lib/notices/create-notice";
import { emitEndpointDisabled, emitOperationalEvent } from "@/lib/operational/emit-operational-event";
import { checkEndpointHealth, type EndpointOutcome } from "./check-endpoint-health";
import { errorField, log } from "@/lib/ops/log";

export interface AttemptsOutcome {
  /** Per endpoint: what was just attempted, with the settings the rule reads. */
  endpoints: EndpointOutcome[];
  /** Endpoints this batch disabled because they answered 410 Gone. */
  gone: string[];
  /** Deliveries that just ran out of retries, failed for the 4th time, or succeeded after failing. */
  messageEvents: MessageEvent[];
}

export interface MessageEvent {
  type: "message.attempt.exhausted" | "message.attempt.failing" | "message.attempt.recovered";
  orgId: string;
  appId: string;
  appUid: string | null;
  endpointId: string;
  url: string;
  messageId: string;
  eventId: string | null;
  eventType: string;
  attempts: number;
  lastAttempt: { id: string; timestamp: Date; responseStatusCode: number };
}

/**
 * What follows recorded attempts: the disable rule, and notices for endpoints that went
 * away or messages that ran out of retries. The attempts are already safe; a failure here
 * is logged and the next batch evaluates again.
 */
export async function afterAttempts(outcome: AttemptsOutcome): Promise<void> {
  try {
    for (const endpointId of outcome.gone) {
      const found = outcome.endpoints.find((e) => e.endpoint.id === endpointId);
      if (!found) continue;
      const { endpoint } = found;
      await emitEndpointDisabled(found.orgId, endpoint, "automatic");
      await createNotice({
        orgId: found.orgId,
        kind: "endpoint.disabled",
        appId: endpoint.appId,
        endpointId,
        title: `Endpoint disabled: ${endpoint.url}`,
        body: `${endpoint.url} answered HTTP 410 Gone, so Pigeon stopped sending to it. New messages are kept; re-enable the endpoint and recover them if that was a mistake.`,
        data: { reason: "gone" },
      });
    }
    await checkEndpointHealth(outcome.endpoints.filter((e) => !outcome.gone.includes(e.endpoint.id)));
    for (const m of outcome.messageEvents) {
      await emitOperationalEvent(m.orgId, m.type, { appId: m.appId, appUid: m.appUid, msgId: m.messageId, msgEventId: m.eventId, endpointId: m.endpointId, lastAttempt: m.lastAttempt }, { appId: m.appId });
      if (m.type !== "message.attempt.exhausted") continue;
      await createNotice({
        orgId: m.orgId,
        kind: "message.attempt.exhausted",
        appId: m.appId,
        endpointId: m.endpointId,
        messageId: m.messageId,
        title: "A message ran out of retries",
        body: `Message ${m.messageId} (${m.eventType}) failed ${m.attempts} times at ${m.url} and will not be retried. Resend it from the message page, or recover the endpoint's failed messages.`,
        data: { lastMessageId: m.messageId },
      });
    }
  } catch (error) {
    log().error({ err: errorField(error), endpointIds: outcome.endpoints.map((e) => e.endpoint.id) }, "endpoint health check failed");
  }
}
