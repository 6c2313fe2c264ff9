import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { ZCreateApiKeyInput } from "@/lib/api-keys/schemas";
import { withOrg } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/console/api-keys — the organization's keys (name, prefix, last use; never the key)
export const GET = withOrg(async (_request, { auth }) => Response.json({ data: await listApiKeys(auth) }), { role: "admin" });

// POST /api/console/api-keys — create a key; the answer holds the key, shown this once
export const POST = withOrg(
  async (request, { auth }) => Response.json(await createApiKey(auth, ZCreateApiKeyInput.parse(await readJson(request))), { status: 201 }),
  { role: "admin", secretAnswer: true },
);

// PUT, PATCH, DELETE — 405 with the methods allowed here
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
