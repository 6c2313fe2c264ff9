import { withOrg } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { getDeliverySettings, updateAppDeliverySettings } from "@/lib/settings/delivery-settings";
import { ZDeliverySettings } from "@/lib/settings/schemas";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string };

// GET /api/console/settings/apps/{app_id} — one application's overrides, with what they override
export const GET = withOrg<P>(async (_request, { auth, params }) => Response.json(await getDeliverySettings(auth, params.appId)));

// PATCH /api/console/settings/apps/{app_id} — override the organization's delivery settings for one application
export const PATCH = withOrg<P>(async (request, { auth, params }) =>
  Response.json(await updateAppDeliverySettings(auth, params.appId, ZDeliverySettings.parse(await readJson(request)))),
);

// POST, PUT, DELETE — 405 with the methods allowed here
export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
