import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { withOrg } from "@/lib/auth/with-org";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// DELETE /api/console/api-keys/{id} — revoke a key; it stops working at once
export const DELETE = withOrg<{ id: string }>(async (_request, { auth, params }) => Response.json(await revokeApiKey(auth, params.id)), {
  role: "admin",
});

// GET, POST, PUT, PATCH — 405 with the methods allowed here
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
