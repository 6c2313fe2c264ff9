import { withOrg } from "@/lib/auth/with-org";
import { type AppError, fromZodError } from "@/lib/errors";
import { errorBody } from "@/lib/http/handle";
import { otherMethods } from "@/lib/http/other-methods";
import { readJson } from "@/lib/http/read-json";
import { createMessages, type MessageToCreate } from "@/lib/messages/create-message";
import { ZMessageBatchIn, ZMessageIn } from "@/lib/messages/schemas";
import { serializeMessage } from "@/lib/messages/serialize-message";
import { batchBodyLimit } from "@/lib/orgs/org-limits";

export const dynamic = "force-dynamic";
type P = { appId: string };

// POST /api/v1/app/{app_id}/msg/batch — Pigeon's extension: up to 500 messages in one
// request, stored in one transaction, each with its own result in the batch's order (202
// and the message, or the error that message alone met: a duplicate eventId, an invalid
// field, a payload over the limit). The answer is 202 when every message was accepted, 207
// when some were not. Payloads are left out of the answer unless `with_content=true`.
export const POST = withOrg<P>(
  async (request, { auth, params, stableId }) => {
    const withContent = new URL(request.url).searchParams.get("with_content") === "true";
    const { messages } = ZMessageBatchIn.parse(await readJson(request));
    const checked = messages.map((item, index): MessageToCreate | AppError => {
      const parsed = ZMessageIn.safeParse(item);
      return parsed.success ? { data: parsed.data, id: stableId?.("message", index) } : fromZodError(parsed.error, "body", ["messages", index]);
    });
    const valid = checked.filter((item): item is MessageToCreate => !(item instanceof Error));
    const created = await createMessages(auth, params.appId, valid);
    // Every message names the same application: when it does not exist, the batch is a 404.
    const missing = created.find((c) => !c.ok && c.error.code === "not_found");
    if (missing && !missing.ok) throw missing.error;
    let next = 0;
    const data = checked.map((item, index) => {
      const result = item instanceof Error ? { ok: false as const, error: item } : created[next++]!;
      return result.ok
        ? { index, status: 202, message: serializeMessage(result.message, { withContent }) }
        : { index, status: result.error.status, error: errorBody(result.error) };
    });
    const failed = data.filter((d) => d.status !== 202).length;
    return Response.json({ data, accepted: data.length - failed, failed }, { status: failed ? 207 : 202 });
  },
  { bodyLimit: (auth) => batchBodyLimit(auth.org.limits) },
);

// GET, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
