import { AppError, toAppError } from "@/lib/errors";
import { randomBytes } from "node:crypto";
import { errorField, log, withRequestId } from "@/lib/ops/log";
import { recordRequestMetrics, routePattern } from "@/lib/ops/metrics";

type Handler<C, R extends Request = Request> = (request: R, context: C) => Promise<Response> | Response;

/** An AppError in the Svix error shape ({code, detail}); a 422's detail is always a list of {loc, msg, type}, as Svix's SDKs expect. */
export function errorBody(error: AppError) {
  return error.code === "validation"
    ? {
        code: error.code,
        detail: error.options.detail?.length ? error.options.detail : [{ loc: ["body"], msg: error.message, type: "value_error" }],
        message: error.message,
      }
    : { code: error.code, detail: error.message };
}

/** Renders an AppError as JSON in the Svix error shape. */
export function errorResponse(error: AppError): Response {
  return Response.json(errorBody(error), { status: error.status, headers: error.options.headers });
}

/** The caller's `X-Request-Id` when it is a sane token, else a new one. */
function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomBytes(9).toString("base64url");
}

/**
 * Wraps a route handler so anything thrown becomes a readable JSON error, never a raw 500.
 * Every answer carries `X-Request-Id`, is timed into the metrics and logged (debug; 5xx
 * as errors, with the request id).
 */
export function handle<C, R extends Request = Request>(handler: Handler<C, R>): Handler<C, R> {
  return async (request, context) => {
    const reqId = requestIdOf(request);
    return withRequestId(reqId, () => respond(handler, request, context, reqId));
  };
}

/** Runs the handler; anything thrown becomes a readable JSON error. Log lines inside carry reqId. */
async function respond<C, R extends Request>(handler: Handler<C, R>, request: R, context: C, reqId: string): Promise<Response> {
  const started = performance.now();
  let response: Response;
  try {
    response = await handler(request, context);
  } catch (thrown) {
    const error = toAppError(thrown);
    // The error as thrown (e.g. SQLite's "database or disk is full"), not the answer's generic text.
    if (error.status >= 500)
      log().error(
        { method: request.method, url: request.url, err: errorField(thrown) },
        error.code === "unavailable" ? "database unavailable" : "request failed",
      );
    response = errorResponse(error);
  }
  const seconds = (performance.now() - started) / 1000;
  recordRequestMetrics(request, response.status, seconds);
  const logger = log();
  if (logger.isLevelEnabled("debug"))
    logger.debug(
      { method: request.method, route: routePattern(new URL(request.url).pathname), status: response.status, ms: Math.round(seconds * 1000) },
      "request",
    );
  try {
    response.headers.set("x-request-id", reqId);
  } catch {
    // A response with immutable headers (e.g. a redirect) goes out without it.
  }
  return response;
}
