import { drainFor } from "@/lib/delivery/worker";
import { env } from "@/lib/env";
import { invalid } from "@/lib/errors";
import { assertBearer } from "@/lib/http/bearer";
import { handle } from "@/lib/http/handle";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";
export const maxDuration = 70;

// POST /api/worker — deliver what is due for up to ?seconds= (default 10, max 60), for cron-style hosting
export const POST = handle(async (request: Request) => {
  assertBearer(request, env().PIGEON_WORKER_SECRET, "PIGEON_WORKER_SECRET");
  const raw = new URL(request.url).searchParams.get("seconds");
  const seconds = raw === null ? 10 : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60) {
    throw invalid(["query", "seconds"], "must be a number from 1 to 60");
  }
  return Response.json(await drainFor(seconds));
});

// GET /api/worker — the same, for schedulers that only send GET (Vercel Cron sends
// `Authorization: Bearer $CRON_SECRET`: set CRON_SECRET to PIGEON_WORKER_SECRET).
export const GET = POST;

// PUT, PATCH, DELETE — 405 with the methods allowed here
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
