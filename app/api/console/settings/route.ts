import { withOrg } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { getDeliverySettings, updateOrgDeliverySettings } from "@/lib/settings/delivery-settings";
import { ZConsoleSettings } from "@/lib/settings/schemas";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/console/settings — the organization's delivery settings, the install defaults and the customer portal's settings
export const GET = withOrg(async (_request, { auth }) => Response.json(await getDeliverySettings(auth)));

// PATCH /api/console/settings — change the retry schedule, the disable rule, the retention period or the portal's branding and framing (admins)
export const PATCH = withOrg(
  async (request, { auth }) => Response.json(await updateOrgDeliverySettings(auth, ZConsoleSettings.parse(await readJson(request)))),
  {
    role: "admin",
  },
);

// POST, PUT, DELETE — 405 with the methods allowed here
export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
