import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { fromZodError } from "@/lib/errors";
import { keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";
import { serializeTask } from "./serialize-task";

const ZTaskListQuery = z.object({
  status: z.enum(["running", "finished", "failed"]).optional(),
  task: z.string().min(1).max(64).optional(),
});

export function parseTaskListQuery(url: URL) {
  const result = ZTaskListQuery.safeParse({ status: url.searchParams.get("status") ?? undefined, task: url.searchParams.get("task") ?? undefined });
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}

/** The organization's background tasks, newest first by default. */
export async function listTasks(auth: AuthContext, params: ListParams, query: z.output<typeof ZTaskListQuery>) {
  const rows = await db.task.findMany({
    where: { orgId: auth.org.id, id: keysetWhere(params), ...(query.status && { status: query.status }), ...(query.task && { kind: query.task }) },
    orderBy: { id: keysetOrder(params) },
    take: params.limit + 1,
  });
  return pageOf(rows, params, (t) => t.id, serializeTask);
}
