import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** One of the organization's background tasks; anyone else's is "not found". */
export async function findTask(auth: AuthContext, id: string) {
  const task = await db.task.findFirst({ where: { id, orgId: auth.org.id } });
  if (!task) throw notFound("Background task");
  return task;
}
