import { handle } from "@/lib/http/handle";
import { checkReadiness } from "@/lib/ops/check-readiness";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/ready — readiness: database reachable, fully migrated and taking writes
export const GET = handle(async () => {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
});

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
