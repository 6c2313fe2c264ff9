import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { exampleOf } from "@/lib/event-types/serialize-event-type";
import { createMessage } from "@/lib/messages/create-message";
import { assertSendable, findEndpoint } from "./find-endpoint";
import type { SendExampleIn } from "./schemas";

/**
 * Sends a real message of an event type to this one endpoint: the given payload, else
 * the event type's example.
 */
export async function sendExample(auth: AuthContext, appRef: string, endpointRef: string, data: SendExampleIn) {
  const { app, endpoint } = await findEndpoint(auth, appRef, endpointRef);
  assertSendable(endpoint);
  let payload = data.payload;
  if (!payload) {
    const eventType = await db.eventType.findUnique({ where: { orgId_name: { orgId: auth.org.id, name: data.eventType } } });
    if (!eventType) throw new AppError("not_found", `Event type "${data.eventType}" not found; create it with an example, or pass a payload`);
    const example = exampleOf(eventType);
    if (typeof example !== "object" || example === null || Array.isArray(example)) {
      throw new AppError("validation", `eventType: "${data.eventType}" has no example payload (a JSON object); add one, or pass a payload`, {
        detail: [{ loc: ["body", "eventType"], msg: "the event type has no example payload", type: "value_error" }],
      });
    }
    payload = example as Record<string, unknown>;
  }
  return createMessage(auth, app.id, { eventType: data.eventType, payload }, { onlyEndpointId: endpoint.id });
}
