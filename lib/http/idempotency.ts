import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { AppError, invalid, toAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";

const TTL_MS = 12 * 3600 * 1000;
const IN_PROGRESS = 0;

export interface IdempotencyScope {
  orgId: string;
  /** Who is calling (an API key's or a person's id): another caller's key never replays this one's answer. */
  caller: string;
  /** The request body, already read (and capped) by the caller. */
  body: string;
  /** The answer holds a secret shown once (a new API key, an invitation link): it is never stored, a repeat gets 409. */
  secretAnswer?: boolean;
}

/**
 * Runs a POST at most once per Idempotency-Key, organization and caller for 12 hours: a
 * repeat gets the first answer again; the same key with a different request is a 409.
 * Records expire after their 12 hours and the retention sweep deletes them.
 */
export async function idempotent(request: Request, scope: IdempotencyScope, run: () => Promise<Response>): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (request.method !== "POST" || !key) return run();
  if (key.length > 255) throw invalid(["header", "idempotency-key"], "must be at most 255 characters");
  const { orgId, caller, body, secretAnswer } = scope;
  const url = new URL(request.url);
  const requestHash = createHash("sha256").update(`${caller}\n${url.pathname}${url.search}\n`).update(body).digest("hex");
  const now = new Date();
  await db.idempotencyRecord.deleteMany({ where: { orgId, key, expiresAt: { lte: now } } });
  try {
    // The placeholder row claims the key, so a concurrent duplicate cannot run too.
    await db.idempotencyRecord.create({
      data: { id: newId("idempotency"), orgId, key, requestHash, status: IN_PROGRESS, body: "", expiresAt: new Date(now.getTime() + TTL_MS) },
    });
  } catch (error) {
    if (toAppError(error).code !== "conflict") throw error;
    const first = await db.idempotencyRecord.findUnique({ where: { orgId_key: { orgId, key } } });
    if (!first || first.requestHash !== requestHash) throw new AppError("conflict", "This Idempotency-Key was already used for a different request");
    if (first.status === IN_PROGRESS) throw new AppError("conflict", "A request with this Idempotency-Key is still in progress");
    if (secretAnswer)
      throw new AppError(
        "conflict",
        "This request was already made with this Idempotency-Key; its answer held a secret that is shown only once and was not kept",
      );
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
  const stored = secretAnswer ? "" : await response.clone().text();
  await db.idempotencyRecord.update({ where: { orgId_key: { orgId, key } }, data: { status: response.status, body: stored } });
  return response;
}

/** Deletes up to `limit` records whose 12 hours are over; returns how many. */
export async function deleteExpiredIdempotencyRecords(now: Date, limit: number): Promise<number> {
  const expired = await db.idempotencyRecord.findMany({ where: { expiresAt: { lte: now } }, select: { id: true }, orderBy: { expiresAt: "asc" }, take: limit });
  if (expired.length === 0) return 0;
  const { count } = await db.idempotencyRecord.deleteMany({ where: { id: { in: expired.map((row) => row.id) } } });
  return count;
}
