import type { AuthContext } from "@/lib/auth/context";
import { type Batch, db } from "@/lib/db";
import { findEndpoint } from "@/lib/endpoints/find-endpoint";
import { notFound } from "@/lib/errors";
import { keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";

// A batching endpoint's batches (lib/delivery/store/batches.ts), newest first: each POST
// of a batch is the attempts recorded for its messages at one time.

interface Post {
  timestamp: Date;
  succeeded: boolean;
  responseStatusCode: number;
  responseDurationMs: number;
  errorMessage: string | null;
}

/** Each batch's POSTs, oldest first. */
async function postsOf(batchIds: string[]): Promise<Map<string, Post[]>> {
  const groups = await db.attempt.groupBy({
    by: ["batchId", "createdAt", "succeeded", "responseStatus", "durationMs", "errorMessage"],
    where: { batchId: { in: batchIds } },
    orderBy: { createdAt: "asc" },
  });
  const posts = new Map<string, Post[]>();
  for (const g of groups) {
    const post = {
      timestamp: g.createdAt,
      succeeded: g.succeeded,
      responseStatusCode: g.responseStatus ?? 0,
      responseDurationMs: g.durationMs,
      errorMessage: g.errorMessage,
    };
    posts.set(g.batchId!, [...(posts.get(g.batchId!) ?? []), post]);
  }
  return posts;
}

/** BatchOut (Pigeon's): the batch, how often it was sent and how its last POST went. */
function serializeBatch(batch: Batch, posts: Post[]) {
  const last = posts.at(-1) ?? null;
  return {
    id: batch.id,
    endpointId: batch.endpointId,
    size: batch.size,
    createdAt: batch.createdAt,
    attempts: posts.length,
    succeeded: last?.succeeded ?? false,
    lastAttempt: last,
  };
}

export async function listBatches(auth: AuthContext, appRef: string, endpointRef: string, params: ListParams) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  const rows = await db.batch.findMany({
    where: { endpointId: endpoint.id, id: keysetWhere(params) },
    orderBy: { id: keysetOrder(params) },
    take: params.limit + 1,
  });
  const posts = await postsOf(rows.map((b) => b.id));
  return pageOf(
    rows,
    params,
    (b) => b.id,
    (b) => serializeBatch(b, posts.get(b.id) ?? []),
  );
}

/** One batch with every POST of it and the messages it carried, in the order they were in its body. */
export async function getBatch(auth: AuthContext, appRef: string, endpointRef: string, batchId: string) {
  const { endpoint } = await findEndpoint(auth, appRef, endpointRef);
  const batch = await db.batch.findFirst({ where: { id: batchId, endpointId: endpoint.id } });
  if (!batch) throw notFound("Batch");
  const posts = (await postsOf([batch.id])).get(batch.id) ?? [];
  const carried = await db.attempt.findMany({
    where: { batchId: batch.id },
    distinct: ["messageId"],
    select: { messageId: true },
    orderBy: { messageId: "asc" },
  });
  const messages = await db.message.findMany({
    where: { id: { in: carried.map((a) => a.messageId) } },
    select: { id: true, eventId: true, eventType: true, createdAt: true },
    orderBy: { id: "asc" },
  });
  return { ...serializeBatch(batch, posts), posts, messages };
}
