import { env } from "@/lib/env";
import { assertBearer } from "@/lib/http/bearer";
import { handle } from "@/lib/http/handle";
import { metrics } from "@/lib/ops/metrics";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/metrics — Prometheus metrics of this process, for `Authorization: Bearer $PIGEON_METRICS_TOKEN`
export const GET = handle(async (request: Request) => {
  assertBearer(request, env().PIGEON_METRICS_TOKEN, "PIGEON_METRICS_TOKEN");
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
