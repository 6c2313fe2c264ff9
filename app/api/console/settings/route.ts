import { withOrg } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { getDeliverySettings, updateOrgDeliverySettings } from "@/lib/settings/delivery-settings";
import { ZDeliverySettings } from "@/lib/settings/schemas";

export const dynamic = "force-dynamic";

// GET /api/console/settings — the organization's delivery settings and the install defaults
export const GET = withOrg(async (_request, { auth }) => Response.json(await getDeliverySettings(auth)));

// PATCH /api/console/settings — change the retry schedule or the disable rule (admins)
export const PATCH = withOrg(async (request, { auth }) => Response.json(await updateOrgDeliverySettings(auth, ZDeliverySettings.parse(await readJson(request)))), {
  role: "admin",
});
