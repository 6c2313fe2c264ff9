import type { AuthContext } from "@/lib/auth/context";
import { db, type Message } from "@/lib/db";
import { AppError, toAppError } from "@/lib/errors";
import { log } from "@/lib/ops/log";
import { insertMessages, type NewMessage } from "@/lib/delivery/store/insert-message";
import { formatBytes } from "@/lib/utils";
import type { MessageIn } from "./schemas";

/** One message to create; `id` is an Idempotency-Key's stable id for it. */
export interface MessageToCreate {
  data: MessageIn;
  id?: string | undefined;
}

export type Created = { ok: true; message: Message } | { ok: false; error: AppError };

function tooLarge(size: number, limit: number) {
  return new AppError(
    "payload_too_large",
    `payload: is ${size.toLocaleString("en-US")} bytes of JSON; this organization's limit is ${limit.toLocaleString("en-US")} bytes (${formatBytes(limit)})`,
  );
}

/**
 * Stores messages of one application (their payloads as the exact JSON text that will be
 * sent) and, with each, one due delivery per enabled endpoint that receives it (the store
 * wakes the workers). Every message has its own outcome: one over the payload limit or with a
 * duplicate eventId fails alone. A message with an `id` already stored — by a request
 * under the same Idempotency-Key whose process died before it answered — is returned.
 */
export async function createMessages(
  auth: AuthContext,
  appRef: string,
  messages: MessageToCreate[],
  options: { onlyEndpointId?: string } = {},
): Promise<Created[]> {
  const limit = auth.org.limits.maxPayloadBytes;
  const results: (Created | NewMessage)[] = messages.map(({ data, id }) => {
    const payload = JSON.stringify(data.payload);
    const payloadSize = Buffer.byteLength(payload, "utf8");
    if (payloadSize > limit) return { ok: false, error: tooLarge(payloadSize, limit) };
    return {
      id,
      orgId: auth.org.id,
      appRef,
      eventType: data.eventType,
      eventId: data.eventId ?? null,
      payload,
      payloadSize,
      channels: data.channels ?? null,
      tags: data.tags ?? null,
      deliverAt: data.deliverAt ? data.deliverAt.getTime() : null,
      onlyEndpointId: options.onlyEndpointId,
    };
  });
  const toStore = results.filter((r): r is NewMessage => !("ok" in r));
  const outcomes = await insertMessages(toStore);
  // A message whose given id exists was stored by an earlier run under the same key: that is the answer.
  const retried = toStore.filter((item, i) => item.id && !outcomes[i]!.ok).map((item) => item.id!);
  const earlier = new Map(
    retried.length ? (await db.message.findMany({ where: { id: { in: retried }, app: { orgId: auth.org.id } } })).map((m) => [m.id, m]) : [],
  );
  let next = 0;
  const logger = log();
  const debug = logger.isLevelEnabled("debug");
  const created = results.map((result): Created => {
    if ("ok" in result) return result;
    const outcome = outcomes[next++]!;
    if (outcome.ok) {
      const { message, deliveries } = outcome;
      if (debug) logger.debug({ msgId: message.id, appId: message.appId, eventType: message.eventType, deliveries }, "message accepted");
      return { ok: true, message };
    }
    const found = result.id ? earlier.get(result.id) : undefined;
    return found ? { ok: true, message: found } : { ok: false, error: toAppError(outcome.error) };
  });
  return created;
}

/** Stores one message (see createMessages); its error is thrown. */
export async function createMessage(auth: AuthContext, appRef: string, data: MessageIn, options: { onlyEndpointId?: string; id?: string } = {}) {
  const [created] = await createMessages(auth, appRef, [{ data, id: options.id }], options);
  if (!created!.ok) throw created!.error;
  return created!.message;
}
