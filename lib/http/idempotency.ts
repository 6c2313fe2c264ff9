import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { AppError, invalid, toAppError } from "@/lib/errors";
import { idPrefixes, newId, type IdKind } from "@/lib/ids";
import { errorField, log } from "@/lib/ops/log";

const TTL_MS = 12 * 3600 * 1000;
const IN_PROGRESS = 0;

/**
 * How long a request may hold its key in progress. Beyond this its process is taken to have
 * died (a crash, kill -9, a lost machine) and a retry with the same key takes the key over
 * and runs the request again. Well above any request's life: the database's own waits give
 * up after 10 s.
 */
export const STALE_AFTER_MS = 30_000;

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
 * The id of the resource a request creates, the same every time the request runs under one
 * Idempotency-Key: a run taken over from a dead process finds what that process stored
 * instead of storing it twice. A request that creates several (a batch of messages) asks
 * with each one's `index`: ids that follow one another, in the batch's order.
 */
export type StableId = (kind: IdKind, index?: number) => string;

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const fromBase32 = (text: string) => [...text].reduce((n, c) => n * 32n + BigInt(CROCKFORD.indexOf(c)), 0n);
const toBase32 = (n: bigint, length: number) => Array.from({ length }, (_, i) => CROCKFORD[Number((n >> BigInt(5 * (length - 1 - i))) & 31n)]).join("");

const stableIds =
  (recordId: string): StableId =>
  (kind, index) => {
    // A ULID: 10 characters of time, 16 of randomness; the index is added to the randomness, as a monotonic ULID factory would.
    const ulid = recordId.slice(idPrefixes.idempotency.length + 1);
    const random = index ? toBase32((fromBase32(ulid.slice(10)) + BigInt(index)) % 2n ** 80n, 16) : ulid.slice(10);
    return `${idPrefixes[kind]}_${ulid.slice(0, 10)}${random}`;
  };

function inProgress(startedAt: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((startedAt.getTime() + STALE_AFTER_MS - now.getTime()) / 1000));
  return new AppError("conflict", "A request with this Idempotency-Key is still in progress", { headers: { "retry-after": String(seconds) } });
}

/**
 * Runs a POST at most once per Idempotency-Key, organization and caller for 12 hours: a
 * repeat gets the first answer again; the same key with a different request is a 409, and
 * so is a repeat while the first still runs — unless the first has held the key longer than
 * STALE_AFTER_MS, when the repeat takes the key over (compare-and-set on its start time)
 * and runs the request again, with the same stable ids. Records expire after their 12 hours
 * and the retention sweep deletes them.
 */
export async function idempotent(request: Request, scope: IdempotencyScope, run: (stableId?: StableId) => Promise<Response>): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (request.method !== "POST" || !key) return run();
  if (key.length > 255) throw invalid(["header", "idempotency-key"], "must be at most 255 characters");
  const { orgId, caller, body, secretAnswer } = scope;
  const url = new URL(request.url);
  const requestHash = createHash("sha256").update(`${caller}\n${url.pathname}${url.search}\n`).update(body).digest("hex");
  const now = new Date();
  await db.idempotencyRecord.deleteMany({ where: { orgId, key, expiresAt: { lte: now } } });
  const id = newId("idempotency");
  try {
    // The placeholder row claims the key, so a concurrent duplicate cannot run too.
    await db.idempotencyRecord.create({
      data: { id, orgId, key, requestHash, status: IN_PROGRESS, body: "", startedAt: now, expiresAt: new Date(now.getTime() + TTL_MS) },
    });
    return await runOnce({ id, startedAt: now }, secretAnswer, run);
  } catch (error) {
    if (toAppError(error).code !== "conflict") throw error;
  }
  const first = await db.idempotencyRecord.findUnique({ where: { orgId_key: { orgId, key } } });
  if (!first || first.requestHash !== requestHash) throw new AppError("conflict", "This Idempotency-Key was already used for a different request");
  if (first.status === IN_PROGRESS) {
    if (now.getTime() - first.startedAt.getTime() < STALE_AFTER_MS) throw inProgress(first.startedAt, now);
    const { count } = await db.idempotencyRecord.updateMany({
      where: { id: first.id, status: IN_PROGRESS, startedAt: first.startedAt },
      data: { startedAt: now },
    });
    // Another retry took it over first.
    if (count === 0) throw inProgress(now, now);
    log().warn({ idempotencyKey: key, startedAt: first.startedAt }, "Idempotency-Key taken over from a request that did not finish");
    return runOnce({ id: first.id, startedAt: now }, secretAnswer, run);
  }
  if (secretAnswer)
    throw new AppError(
      "conflict",
      "This request was already made with this Idempotency-Key; its answer held a secret that is shown only once and was not kept",
    );
  return new Response(first.body || null, { status: first.status, headers: { "content-type": "application/json", "idempotent-replayed": "true" } });
}

/**
 * Runs the request that holds the record and stores its answer. Every write to the record
 * is conditional on still holding it: a request that was taken over neither stores nor
 * releases anything.
 */
async function runOnce(held: { id: string; startedAt: Date }, secretAnswer: boolean | undefined, run: (stableId: StableId) => Promise<Response>) {
  const mine = { id: held.id, status: IN_PROGRESS, startedAt: held.startedAt };
  // Releasing fails when the database does (an outage): the key then waits out STALE_AFTER_MS.
  const release = () =>
    db.idempotencyRecord.deleteMany({ where: mine }).catch((error) => log().warn({ err: errorField(error) }, "Idempotency-Key not released"));
  let response: Response;
  try {
    response = await run(stableIds(held.id));
  } catch (error) {
    await release();
    throw error;
  }
  if (response.status >= 500) {
    await release();
    return response;
  }
  const stored = secretAnswer ? "" : await response.clone().text();
  // The work is done: its answer goes out even when it cannot be kept; a retry then takes the key over.
  await db.idempotencyRecord
    .updateMany({ where: mine, data: { status: response.status, body: stored } })
    .catch((error) => log().warn({ err: errorField(error) }, "Idempotency-Key answer not stored"));
  return response;
}

/** Deletes up to `limit` records whose 12 hours are over; returns how many. */
export async function deleteExpiredIdempotencyRecords(now: Date, limit: number): Promise<number> {
  const expired = await db.idempotencyRecord.findMany({ where: { expiresAt: { lte: now } }, select: { id: true }, orderBy: { expiresAt: "asc" }, take: limit });
  if (expired.length === 0) return 0;
  const { count } = await db.idempotencyRecord.deleteMany({ where: { id: { in: expired.map((row) => row.id) } } });
  return count;
}
