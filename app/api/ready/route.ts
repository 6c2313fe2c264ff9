import { handle } from "@/lib/http/handle";
import { checkReadiness } from "@/lib/ops/check-readiness";

export const dynamic = "force-dynamic";

// GET /api/ready — readiness: database reachable and fully migrated
export const GET = handle(async () => {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
});
