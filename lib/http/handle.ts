import { AppError, toAppError } from "@/lib/errors";

type Handler<C> = (request: Request, context: C) => Promise<Response> | Response;

/** Renders an AppError as JSON in the Svix error shape ({code, detail}). */
export function errorResponse(error: AppError): Response {
  const body =
    error.code === "validation"
      ? { code: error.code, detail: error.options.detail ?? [], message: error.message }
      : { code: error.code, detail: error.message };
  return Response.json(body, { status: error.status, headers: error.options.headers });
}

/** Wraps a route handler so anything thrown becomes a readable JSON error, never a raw 500. */
export function handle<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.status >= 500) console.error(JSON.stringify({ level: "error", msg: "request failed", url: request.url, err: String((thrown as Error)?.stack ?? thrown) }));
      return errorResponse(error);
    }
  };
}
