import { createNotice } from "@/lib/notices/create-notice";
import { checkEndpointHealth, type EndpointOutcome } from "./check-endpoint-health";

export interface AttemptsOutcome {
  /** Per endpoint: what was just attempted, with the settings the rule reads. */
  endpoints: EndpointOutcome[];
  /** Endpoints this batch disabled because they answered 410 Gone. */
  gone: string[];
  /** Deliveries that just ran out of retries. */
  exhausted: { orgId: string; appId: string; endpointId: string; url: string; messageId: string; eventType: string; attempts: number }[];
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
    for (const m of outcome.exhausted) {
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
    console.error(JSON.stringify({ level: "error", msg: "endpoint health check failed", err: String((error as Error)?.stack ?? error) }));
  }
}
