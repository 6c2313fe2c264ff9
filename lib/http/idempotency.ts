import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { AppError, toAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";

const TTL_MS = 12 * 3600 * 1000;
const IN_PROGRESS = 0;

/**
 * Runs a POST at most once per Idempotency-Key and organization for 12 hours: a repeat
 * gets the first answer again; the same key with a different request is a 409.
 */
export async function idempotent(request: Request, orgId: string, run: () => Promise<Response>): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (request.method !== "POST" || !key) return run();
  if (key.length > 255) throw new AppError("validation", "Idempotency-Key: must be at most 255 characters");
  const url = new URL(request.url);
  const requestHash = createHash("sha256").update(`${url.pathname}${url.search}\n`).update(await request.clone().text()).digest("hex");
  const now = new Date();
  await db.idempotencyRecord.deleteMany({ where: { orgId, key, expiresAt: { lte: now } } });
  try {
    // The placeholder row claims the key, so a concurrent duplicate cannot run too.
    await db.idempotencyRecord.create({ data: { id: newId("idempotency"), orgId, key, requestHash, status: IN_PROGRESS, body: "", expiresAt: new Date(now.getTime() + TTL_MS) } });
  } catch (error) {
    if (toAppError(error).code !== "conflict") throw error;
    const first = await db.idempotencyRecord.findUnique({ where: { orgId_key: { orgId, key } } });
    if (!first || first.requestHash !== requestHash) throw new AppError("conflict", "This Idempotency-Key was already used for a different request");
    if (first.status === IN_PROGRESS) throw new AppError("conflict", "A request with this Idempotency-Key is still in progress");
    return new Response(first.body || null, { status: first.status, headers: { "content-type": "application/json", "idempotent-replayed": "true" } });
  }
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await db.idempotencyRecord.delete({ where: { orgId_key: { orgId, key } } });
    throw error;
  }
  if (response.status >= 500) {
    await db.idempotencyRecord.delete({ where: { orgId_key: { orgId, key } } });
    return response;
  }
  const body = await response.clone().text();
  await db.idempotencyRecord.update({ where: { orgId_key: { orgId, key } }, data: { status: response.status, body } });
  return response;
}
