import type { Task } from "@/lib/db";

/** BackgroundTaskOut as in the Svix API; `data` carries done/total and the task's own figures. */
export function serializeTask(task: Task) {
  return {
    id: task.id,
    status: task.status as "running" | "finished" | "failed",
    task: task.kind,
    data: { ...((task.data ?? {}) as Record<string, unknown>), done: task.done, total: task.total },
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
}
