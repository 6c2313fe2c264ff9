import type { Prisma } from "@/lib/db";

/**
 * HTTP 410 Gone: the receiver asked us to stop. The endpoint is disabled and its waiting
 * deliveries paused (recoverable). Answers whether this call disabled it.
 */
export async function disableGoneEndpoint(tx: Prisma.TransactionClient, endpointId: string, at: Date): Promise<boolean> {
  const detail = `The endpoint answered HTTP 410 Gone at ${at.toISOString()}`;
  const { count } = await tx.endpoint.updateMany({ where: { id: endpointId, disabled: false }, data: { disabled: true, disabledReason: "gone", disabledAt: at, disabledDetail: detail } });
  await tx.delivery.updateMany({ where: { endpointId, status: "pending" }, data: { status: "paused", nextAttemptAt: null } });
  return count > 0;
}
