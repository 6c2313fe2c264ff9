import { ZodError, type ZodType } from "zod";
import { isDatabaseUnavailable } from "@/lib/sql/database-unavailable";

// One error type for the whole app and one table from its code to the HTTP status.
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ValidationDetail {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { headers?: Record<string, string>; detail?: ValidationDetail[] } = {},
  ) {
    super(message);
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

/**
 * A 422 about one field, e.g. invalid(["body", "url"], "is not allowed") → message
 * "url: is not allowed", detail [{loc: ["body", "url"], msg: "is not allowed", type: "value_error"}].
 */
export function invalid(loc: (string | number)[], msg: string): AppError {
  const field = loc.slice(1).join(".");
  return new AppError("validation", field ? `${field}: ${msg}` : msg, { detail: [{ loc, msg, type: "value_error" }] });
}

/** A value taken from the address (a PUT's uid or name) checked like the body's field of that name: 422 otherwise. */
export function fromPath<T>(schema: ZodType<T>, value: string, name: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(["path", name], result.error.issues[0]?.message ?? "is not valid");
  return result.data;
}

/** Turns a zod error into a 422 whose message names the field, e.g. "url: Invalid URL". */
export function fromZodError(error: ZodError, root = "body", within: (string | number)[] = []): AppError {
  const detail = error.issues.map((issue) => ({
    loc: [root, ...within, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    msg: issue.message,
    type: issue.code,
  }));
  const message = error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
  return new AppError("validation", message, { detail });
}

function prismaCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

// How long a client is asked to wait when the database cannot serve it; an outage or a
// failover usually ends within seconds, and a full disk needs a person anyway.
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** A 503 for a database that is unreachable, busy beyond our deadline, full or read-only. */
export const databaseUnavailable = () =>
  new AppError("unavailable", "The database is unavailable right now; retry this request later", {
    headers: { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
  });

/** Maps anything thrown to an AppError; unknown errors become a generic 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return fromZodError(error);
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  switch (prismaCode(error)) {
    case "P2025":
      return new AppError("not_found", "Not found");
    case "P2002":
      return new AppError("conflict", "Already exists");
  }
  return new AppError("internal", "Internal server error");
}
