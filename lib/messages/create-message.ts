import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { db, provider } from "@/lib/db";
import { WORK_CHANNEL, wakeWorker } from "@/lib/delivery/wake-worker";
import { AppError, toAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { routeMessage } from "./route-message";
import { MAX_PAYLOAD_BYTES, type TMessageIn, ZMessageIn } from "./schemas";

/**
 * Stores a message (its payload as the exact JSON text that will be sent) and, in the
 * same transaction, one due delivery per enabled endpoint that receives it; then wakes
 * the workers. `onlyEndpointId` sends it to that one endpoint instead, whatever its filters
 * (an example or test message).
 */
export async function createMessage(auth: AuthContext, appRef: string, input: TMessageIn, options: { onlyEndpointId?: string } = {}) {
  const data = ZMessageIn.parse(input);
  const payload = JSON.stringify(data.payload);
  const payloadSize = Buffer.byteLength(payload, "utf8");
  if (payloadSize > MAX_PAYLOAD_BYTES) {
    throw new AppError("payload_too_large", `payload: is ${payloadSize} bytes of JSON; the limit is ${MAX_PAYLOAD_BYTES} bytes (1 MiB)`);
  }
  const app = await findApplication(auth, appRef);
  const now = new Date();
  const messageId = newId("message");
  try {
    const message = await db.$transaction(async (tx) => {
      const created = await tx.message.create({
        data: {
          id: messageId,
          appId: app.id,
          eventType: data.eventType,
          eventId: data.eventId ?? null,
          payload,
          payloadSize,
          channels: data.channels ?? undefined,
          tags: data.tags ?? undefined,
          createdAt: now,
        },
      });
      const targets = options.onlyEndpointId
        ? [{ id: options.onlyEndpointId }]
        : routeMessage(
            await tx.endpoint.findMany({ where: { appId: app.id, disabled: false }, select: { id: true, disabled: true, filterTypes: true, channels: true } }),
            { eventType: data.eventType, channels: data.channels },
          );
      if (targets.length > 0) {
        await tx.delivery.createMany({
          data: targets.map((endpoint) => ({
            id: newId("delivery"),
            messageId,
            endpointId: endpoint.id,
            appId: app.id,
            status: "pending" as const,
            nextAttemptAt: now,
          })),
        });
        // Delivered on commit to every listening worker process.
        if (provider() === "postgres") await tx.$executeRawUnsafe(`SELECT pg_notify('${WORK_CHANNEL}', '')`);
      }
      return created;
    });
    wakeWorker();
    return message;
  } catch (error) {
    if (data.eventId && toAppError(error).code === "conflict") {
      throw new AppError("conflict", `A message with eventId "${data.eventId}" already exists in this application`);
    }
    throw error;
  }
}
