import { createApplication } from "@/lib/apps/create-application";
import { listApplications } from "@/lib/apps/list-applications";
import { ZApplicationIn } from "@/lib/apps/schemas";
import { serializeApplication } from "@/lib/apps/serialize-application";
import { withOrg } from "@/lib/auth/with-org";
import { parseListParams } from "@/lib/http/pagination";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/v1/app — list applications
export const GET = withOrg(async (request, { auth }) => Response.json(await listApplications(auth, parseListParams(new URL(request.url), "app"))));

// POST /api/v1/app — create an application (?get_if_exists=true returns the one with that uid)
export const POST = withOrg(async (request, { auth }) => {
  const getIfExists = new URL(request.url).searchParams.get("get_if_exists") === "true";
  const { app, created } = await createApplication(auth, ZApplicationIn.parse(await readJson(request)), { getIfExists });
  return Response.json(serializeApplication(app), { status: created ? 201 : 200 });
});

// PUT, PATCH, DELETE — 405 with the methods allowed here
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
