import { disableEndpoint } from "@/lib/endpoints/disable-endpoint";
import type { MessageEventType } from "@/lib/delivery/delivery-state";
import { foldExhausted } from "@/lib/notices/fold-exhausted";
import { sendDueDigests } from "@/lib/notices/send-due-digests";
import { emitOperationalEvent } from "@/lib/operational/emit-operational-event";
import { errorField, log } from "@/lib/ops/log";
import { checkEndpointHealth, type EndpointOutcome } from "./check-endpoint-health";
import { noteRecoveries } from "./note-recoveries";

export interface AttemptsOutcome {
  /** Per endpoint: what was just attempted, with the rule that applies to it. */
  endpoints: EndpointOutcome[];
  /** Endpoints that answered 410 Gone: disabled at once. */
  gone: { endpointId: string; at: Date }[];
  /** Deliveries that just ran out of retries, failed for the 4th time, or succeeded after failing. */
  messageEvents: MessageEvent[];
}

export interface MessageEvent {
  type: MessageEventType;
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
 * What follows recorded attempts: endpoints that answered 410 are disabled, the disable
 * rule runs for the others, an endpoint enabled again is noted on its first success, and messages that ran out of retries (or are failing, or
 * recovered) are reported. The attempts are already safe; a failure here is logged and
 * the next batch evaluates again.
 */
export async function afterAttempts(outcome: AttemptsOutcome): Promise<void> {
  try {
    // Folded first, so the email that a notice below may send carries them too.
    const exhausted = outcome.messageEvents.filter((m) => m.type === "message.attempt.exhausted");
    await foldExhausted(exhausted);
    const gone = new Set(outcome.gone.map((g) => g.endpointId));
    for (const { endpointId, at } of outcome.gone) {
      const found = outcome.endpoints.find((e) => e.endpoint.id === endpointId);
      if (found) await disableEndpoint({ ...found.endpoint, orgId: found.orgId }, "gone", `answered HTTP 410 Gone at ${at.toISOString()}`, at);
    }
    const answering = outcome.endpoints.filter((e) => !gone.has(e.endpoint.id));
    await checkEndpointHealth(answering);
    await noteRecoveries(answering);
    for (const m of outcome.messageEvents) {
      await emitOperationalEvent(
        m.orgId,
        m.type,
        { appId: m.appId, appUid: m.appUid, msgId: m.messageId, msgEventId: m.eventId, endpointId: m.endpointId, lastAttempt: m.lastAttempt },
        { appId: m.appId },
      );
    }
    if (exhausted.length > 0) await sendDueDigests({ orgIds: [...new Set(exhausted.map((m) => m.orgId))] });
  } catch (error) {
    log().error({ err: errorField(error), endpointIds: outcome.endpoints.map((e) => e.endpoint.id) }, "endpoint health check failed");
  }
}
