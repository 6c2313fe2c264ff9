import { findApplication } from "@/lib/apps/find-application";
import { ZApplicationIn, ZApplicationPatch } from "@/lib/apps/schemas";
import { serializeApplication } from "@/lib/apps/serialize-application";
import { deleteApplication, patchApplication, upsertApplication } from "@/lib/apps/update-application";
import { withOrg } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
type P = { appId: string };

// GET /api/v1/app/{app_id} — one application (by id or uid)
export const GET = withOrg<P>(async (_request, { auth, params }) => Response.json(serializeApplication(await findApplication(auth, params.appId))), {
  portal: "ViewBase",
});

// PUT /api/v1/app/{app_id} — replace an application, or create it with that uid
export const PUT = withOrg<P>(async (request, { auth, params }) => {
  const { app, created } = await upsertApplication(auth, params.appId, ZApplicationIn.parse(await readJson(request)));
  return Response.json(serializeApplication(app), { status: created ? 201 : 200 });
});

// PATCH /api/v1/app/{app_id} — change some fields of an application
export const PATCH = withOrg<P>(async (request, { auth, params }) =>
  Response.json(serializeApplication(await patchApplication(auth, params.appId, ZApplicationPatch.parse(await readJson(request))))),
);

// DELETE /api/v1/app/{app_id} — delete an application with its endpoints and messages
export const DELETE = withOrg<P>(async (_request, { auth, params }) => {
  await deleteApplication(auth, params.appId);
  return new Response(null, { status: 204 });
});

// POST — 405 with the methods allowed here
export const { POST } = otherMethods("GET", "PUT", "PATCH", "DELETE");
