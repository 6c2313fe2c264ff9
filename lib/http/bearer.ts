import { timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

/**
 * Requires `Authorization: Bearer <secret>` for an operator endpoint guarded by the
 * environment variable `name`. Unset, the endpoint does not exist (404).
 */
export function assertBearer(request: Request, secret: string | undefined, name: string): void {
  if (!secret) throw new AppError("not_found", "Not found");
  const given = Buffer.from(request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? "");
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError("unauthorized", `Send ${name} as \`Authorization: Bearer <token>\``);
  }
}
