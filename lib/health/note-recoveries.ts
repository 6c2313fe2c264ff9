import { db } from "@/lib/db";
import { createNotice } from "@/lib/notices/create-notice";
import { receivingAgainText } from "@/lib/notices/notice-text";
import type { EndpointOutcome } from "./check-endpoint-health";

/**
 * The first success of an endpoint enabled again after being disabled: one endpoint.recovered
 * notice per disable → enable cycle. Enabling stamps `reenabledAt`; the first process to
 * record a success clears it with one conditional update on the value it saw, and only the
 * one whose update changed the row makes the notice, so workers succeeding at once make one.
 * Endpoints without the stamp (nearly every batch) cost no query: the engine's copy of the
 * endpoint carries it, and a claim sees every change of it (the update moves updatedAt).
 */
export async function noteRecoveries(outcomes: readonly EndpointOutcome[], now = new Date()): Promise<void> {
  for (const { endpoint, orgId, attempts, failures } of outcomes) {
    const { reenabledAt, lastDisabledAt } = endpoint;
    if (!reenabledAt || attempts <= failures) continue;
    const { count } = await db.endpoint.updateMany({ where: { id: endpoint.id, reenabledAt }, data: { reenabledAt: null, lastDisabledAt: null } });
    if (count === 0) continue;
    const about = {
      disabledAt: (lastDisabledAt ?? reenabledAt).getTime(),
      enabledAt: reenabledAt.getTime(),
      succeededAt: Math.max(now.getTime(), reenabledAt.getTime()),
    };
    await createNotice({
      orgId,
      kind: "endpoint.recovered",
      appId: endpoint.appId,
      endpointId: endpoint.id,
      ...receivingAgainText({ url: endpoint.url, ...about }),
      data: {
        after: "disabled",
        disabledAt: new Date(about.disabledAt).toISOString(),
        enabledAt: new Date(about.enabledAt).toISOString(),
        firstSuccessAt: new Date(about.succeededAt).toISOString(),
      },
    });
  }
}
