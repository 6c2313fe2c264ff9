import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { withOrg } from "@/lib/auth/with-org";

export const dynamic = "force-dynamic";

// DELETE /api/console/api-keys/{id} — revoke a key; it stops working at once
export const DELETE = withOrg<{ id: string }>(async (_request, { auth, params }) => Response.json(await revokeApiKey(auth, params.id)), {
  role: "admin",
});
