import { withOrg } from "@/lib/auth/with-org";
import { parseListParams } from "@/lib/http/pagination";
import { listTasks, parseTaskListQuery } from "@/lib/tasks/list-tasks";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/v1/background-task — the organization's background tasks, newest first
export const GET = withOrg(async (request, { auth }) => {
  const url = new URL(request.url);
  return Response.json(await listTasks(auth, parseListParams(url, "task", "descending"), parseTaskListQuery(url)));
});

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
