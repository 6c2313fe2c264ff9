import { newId } from "@/lib/ids";
import { idsParam, inIds, type Steps, step, timeParam } from "@/lib/sql/steps";
import { fillBatch } from "./queue-order";

// Batching endpoints (Endpoint.batchMaxSize): several deliveries carried by one POST. A
// batch is formed when the claim picks one of the endpoint's deliveries, its lead: the
// lead takes the endpoint's other waiting deliveries (oldest message first, up to the
// batch's size and about PIGEON_BATCH_MAX_BYTES of payload) under the claim's lease. Every
// delivery keeps its own state (../delivery-state.ts); the batch only carries them: the
// members wait with nextAttemptAt null, and the lead alone holds the due time or the
// lease, so one claim always takes a batch whole and a failed batch is retried whole,
// under its id, as the same webhook-id. Deliveries wait for a batch to fill at most
// batchMaxWaitMs (their due time at ingest, ./queue-order.ts), and no longer once it is full.

/** A claimed delivery, as the claim picked it. */
export interface PickedForBatch {
  id: string;
  endpointId: string;
  fifo: boolean | number;
  appId: string;
  messageId: string;
  url: string;
  batchId: string | null;
  batchSize: number | null;
  batchWait: number | null;
}

/** A batch member whose lease ran out with its lead's: it was in a POST whose outcome was never recorded. */
export interface LostMember {
  id: string;
  endpointId: string;
  messageId: string;
  appId: string;
  url: string;
  status: "sending";
  attempts: number;
}

export interface Gathered {
  /** Deliveries taken under the claim's lease besides the picked ones. */
  members: string[];
  /** Picked deliveries that joined another picked one's batch: they are not sent by themselves. */
  merged: string[];
  lost: LostMember[];
}

// Sent together once: the members of a batch tried before, waiting or (their lead's lease
// ran out) still marked sending. Locked on PostgreSQL: a manual attempt may be writing one.
const MEMBERS = (pg: boolean) => `SELECT "id", "status", "attempts", "messageId" FROM "Delivery"
  WHERE "batchId" = $1 AND "id" <> $2 AND "status" IN ('pending', 'sending')${pg ? " FOR UPDATE" : ""}`;
// Waiting deliveries of the endpoint not in a batch yet, due within the batch's wait (not
// a scheduled one far ahead); on a FIFO endpoint also those waiting their turn (null).
const WAITING = (pg: boolean) => `SELECT d."id", m."payloadSize" AS "size" FROM "Delivery" d JOIN "Message" m ON m."id" = d."messageId"
  WHERE d."endpointId" = $1 AND d."status" = 'pending' AND d."batchId" IS NULL AND d."id" <> $5
    AND (d."nextAttemptAt" <= ${timeParam(pg, "$2")} OR ($4 = 1 AND d."nextAttemptAt" IS NULL))
  ORDER BY d."messageId" LIMIT $3${pg ? " FOR UPDATE OF d SKIP LOCKED" : ""}`;
// Members go under the lead's lease, waiting on it (null); one still marked sending under
// an older lease counts its lost attempt, as the claim does for a lead (claimed, delivery-state.ts).
const TAKE = (pg: boolean) => `UPDATE "Delivery" SET "status" = 'sending', "nextAttemptAt" = NULL, "batchId" = $3, "updatedAt" = ${timeParam(pg, "$4")},
    "attempts" = "attempts" + CASE WHEN "status" = 'sending' AND "leaseToken" <> $2 THEN 1 ELSE 0 END, "leaseToken" = $2
  WHERE "id" IN ${inIds(pg, "$1")}`;
const LEAD = `UPDATE "Delivery" SET "batchId" = $2 WHERE "id" = $1`;
const BATCH = (pg: boolean) => `INSERT INTO "Batch" ("id", "endpointId", "appId", "size", "createdAt") VALUES ($1, $2, $3, $4, ${timeParam(pg, "$5")})`;

/**
 * Within the claim's write: each picked delivery of a batching endpoint becomes its
 * batch's lead and takes the batch's other deliveries under the same lease.
 */
export function* gatherBatches(pg: boolean, picked: readonly PickedForBatch[], at: { now: number; leaseToken: string; maxBytes: number }): Steps<Gathered> {
  const out: Gathered = { members: [], merged: [], lost: [] };
  for (const lead of picked.filter((p) => p.batchSize && p.batchId)) {
    const rows = (yield step(MEMBERS(pg), lead.batchId, lead.id)) as { id: string; status: string; attempts: number; messageId: string }[];
    if (rows.length === 0) continue;
    yield step(
      TAKE(pg),
      idsParam(
        pg,
        rows.map((r) => r.id),
      ),
      at.leaseToken,
      lead.batchId,
      at.now,
    );
    out.members.push(...rows.map((r) => r.id));
    for (const r of rows.filter((r) => r.status === "sending")) {
      out.lost.push({
        id: r.id,
        endpointId: lead.endpointId,
        messageId: r.messageId,
        appId: lead.appId,
        url: lead.url,
        status: "sending",
        attempts: r.attempts,
      });
    }
  }
  // New batches: an endpoint's picked deliveries together, topped up from those waiting.
  const fresh = new Map<string, (typeof picked)[number][]>();
  for (const p of picked.filter((p) => p.batchSize && !p.batchId)) fresh.set(p.endpointId, [...(fresh.get(p.endpointId) ?? []), p]);
  for (const leads of fresh.values()) {
    const size = leads[0]!.batchSize!;
    for (let i = 0; i < leads.length; i += size) {
      const [lead, ...joined] = leads.slice(i, i + size);
      const batchId = newId("batch");
      const waiting = (yield step(WAITING(pg), lead!.endpointId, at.now + (lead!.batchWait ?? 0), size - 1 - joined.length, lead!.fifo ? 1 : 0, lead!.id)) as {
        id: string;
        size: number;
      }[];
      let bytes = 0;
      const topUp = waiting.filter((row) => (bytes += Number(row.size)) <= at.maxBytes).map((row) => row.id);
      const members = [...joined.map((j) => j.id), ...topUp];
      yield step(LEAD, lead!.id, batchId);
      if (members.length > 0) yield step(TAKE(pg), idsParam(pg, members), at.leaseToken, batchId, at.now);
      yield step(BATCH(pg), batchId, lead!.endpointId, lead!.appId, members.length + 1, at.now);
      out.merged.push(...joined.map((j) => j.id));
      out.members.push(...topUp);
    }
    // Another full batch waiting goes next, without waiting for its time.
    yield* fillBatch(pg, leads[0]!, at.now);
  }
  return out;
}
