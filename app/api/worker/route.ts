import { timingSafeEqual } from "node:crypto";
import { drainFor } from "@/lib/delivery/worker";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handle";

export const dynamic = "force-dynamic";
export const maxDuration = 70;

function authorize(request: Request) {
  const secret = env().PIGEON_WORKER_SECRET;
  if (!secret) throw new AppError("not_found", "Not found");
  const given = Buffer.from(request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? "");
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError("unauthorized", "Send PIGEON_WORKER_SECRET as `Authorization: Bearer <secret>`");
  }
}

// POST /api/worker — deliver what is due for up to ?seconds= (default 10, max 60), for cron-style hosting
export const POST = handle(async (request: Request) => {
  authorize(request);
  const raw = new URL(request.url).searchParams.get("seconds");
  const seconds = raw === null ? 10 : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60) {
    throw new AppError("validation", "seconds: must be a number from 1 to 60");
  }
  return Response.json(await drainFor(seconds));
});
