import { db } from "@/lib/db";
import { clearAttemptAnswers } from "@/lib/delivery/store/update-deliveries";
import { env } from "@/lib/env";
import { deleteExpiredIdempotencyRecords } from "@/lib/http/idempotency";
import { idAtTime } from "@/lib/ids";

// Retention: a message's payload and its attempts' response bodies and headers expire after
// the organization's retention period (Organization.retentionDays, else
// PIGEON_RETENTION_DAYS). What is left — ids, event types, times, statuses — keeps the
// logs and counts meaningful. The sweep walks each application's messages and each
// endpoint's attempts in id order (ids begin with their time, so "older than" is an id
// range on the (parent, id) indexes) and clears them in small batches, each its own short
// transaction with a pause after it, so the delivery path never waits behind it. The pause
// is at least three times as long as the batch took (and at least 100 ms): when the database
// is busy, batches take longer and the sweep backs off, keeping to at most a quarter of one
// connection's time. Idempotency records (which hold whole answers, payloads included)
// are deleted once their 12 hours are over, in the same small batches.

export interface SweepOptions {
  now?: Date;
  batchSize?: number;
  pauseMs?: number;
  signal?: AbortSignal;
}

export interface SweepResult {
  messages: number;
  attempts: number;
  idempotencyRecords: number;
}

// How far each parent has been swept, per process: a later sweep starts there instead of
// walking the already-cleared rows again. After a restart the first sweep walks them once.
const store = globalThis as unknown as { __pigeonSwept?: Map<string, string> };
const swept = (store.__pigeonSwept ??= new Map());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PAUSE_PER_BATCH_TIME = 3;

/** Clears one parent's expired rows below `cutoff`, batch by batch; returns how many it cleared. */
async function sweepRange(
  key: string,
  cutoff: string,
  batch: (after: string, cutoff: string) => Promise<{ id: string }[]>,
  options: SweepOptions & { pauseMs: number },
): Promise<number> {
  let after = swept.get(key) ?? "";
  let cleared = 0;
  while (!options.signal?.aborted) {
    const started = performance.now();
    const ids = (await batch(after, cutoff)).map((row) => row.id).sort();
    if (ids.length === 0) break;
    cleared += ids.length;
    after = ids.at(-1)!;
    swept.set(key, after);
    if (options.pauseMs > 0) await sleep(Math.max(options.pauseMs, (performance.now() - started) * PAUSE_PER_BATCH_TIME));
  }
  return cleared;
}

/** Sweeps every organization once. */
export async function sweepExpired(options: SweepOptions = {}): Promise<SweepResult> {
  const now = (options.now ?? new Date()).getTime();
  const limit = options.batchSize ?? 500;
  const settings = { ...options, pauseMs: options.pauseMs ?? 100 };
  const result: SweepResult = { messages: 0, attempts: 0, idempotencyRecords: 0 };
  for (;;) {
    if (options.signal?.aborted) return result;
    const started = performance.now();
    const deleted = await deleteExpiredIdempotencyRecords(new Date(now), limit);
    result.idempotencyRecords += deleted;
    if (deleted < limit) break;
    if (settings.pauseMs > 0) await sleep(Math.max(settings.pauseMs, (performance.now() - started) * PAUSE_PER_BATCH_TIME));
  }
  const orgs = await db.organization.findMany({ select: { id: true, retentionDays: true } });
  for (const org of orgs) {
    const days = org.retentionDays ?? env().PIGEON_RETENTION_DAYS;
    const before = now - days * 86_400_000;
    const apps = await db.application.findMany({ where: { orgId: org.id }, select: { id: true, endpoints: { select: { id: true } } } });
    for (const app of apps) {
      if (options.signal?.aborted) return result;
      // One statement per batch: the rows are found on the (parent, id) index and cleared
      // where they stand; nothing but their ids comes back.
      result.messages += await sweepRange(
        `msg:${app.id}`,
        idAtTime("message", before, "start"),
        (after, cutoff) => db.$queryRaw<{ id: string }[]>`
        UPDATE "Message" SET "payload" = NULL WHERE "id" IN (
          SELECT "id" FROM "Message" WHERE "appId" = ${app.id} AND "id" > ${after} AND "id" < ${cutoff} AND "payload" IS NOT NULL ORDER BY "id" LIMIT ${limit})
        RETURNING "id"`,
        settings,
      );
      for (const endpoint of app.endpoints) {
        result.attempts += await sweepRange(
          `atmpt:${endpoint.id}`,
          idAtTime("attempt", before, "start"),
          (after, cutoff) => clearAttemptAnswers(endpoint.id, after, cutoff, limit),
          settings,
        );
      }
    }
  }
  return result;
}
