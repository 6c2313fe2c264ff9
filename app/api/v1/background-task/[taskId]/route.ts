import { withOrg } from "@/lib/auth/with-org";
import { findTask } from "@/lib/tasks/find-task";
import { serializeTask } from "@/lib/tasks/serialize-task";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { taskId: string };

// GET /api/v1/background-task/{task_id} — one background task and its progress
export const GET = withOrg<P>(
  async (_request, { auth, params }) => {
    return Response.json(serializeTask(await findTask(auth, params.taskId)));
  },
  // A portal session follows the recovers it started (findTask keeps it to its application's).
  { portal: "ViewBase" },
);

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
