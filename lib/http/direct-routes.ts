import type { IncomingMessage, ServerResponse } from "node:http";
import { HSTS, securityHeaders } from "./security-headers";

// The direct door to the API's hottest routes. Next.js spends more CPU routing a request
// to its handler (~0.7 ms here) than message ingest spends on everything else, so the
// server's request hook (request-guard.ts) hands `POST /api/v1/app/{app_id}/msg` and
// `…/msg/batch` with an API key straight to the handlers those route files export. The
// route handler stays the one definition of the API — authentication, limits, validation,
// Idempotency-Key, errors — only Next's router in front of it is skipped. Requests with a
// session cookie (the console) and every other route go through Next.js as before.

// Any route file's handler; its params are the ones its pattern captures.
type RouteHandler = (request: Request, context: { params: Promise<never> }) => Response | Promise<Response>;

export interface DirectRoute {
  method: "POST";
  /** The path, its dynamic segments as capture groups named by `params`. */
  pattern: RegExp;
  params: string[];
  handler: RouteHandler;
}

const SECURITY = securityHeaders(false);

/** Answers the request when a direct route matches it; false when Next.js should. */
export function serveDirect(routes: DirectRoute[], request: IncomingMessage, response: ServerResponse): boolean {
  if (!request.headers.authorization) return false;
  const url = request.url ?? "/";
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  for (const route of routes) {
    if (route.method !== request.method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    // The request guard has checked that the path decodes.
    const params = Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    void answer(route.handler, params, request, response);
    return true;
  }
  return false;
}

function toRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const host = request.headers.host && /^[\w.-]+(:\d+)?$|^\[[\w:.]+\](:\d+)?$/.test(request.headers.host) ? request.headers.host : "localhost";
  return new Request(`http://${host}${request.url}`, { method: request.method, headers, body: bodyOf(request), duplex: "half" } as RequestInit);
}

/**
 * The request's body as a web stream, read only when the handler reads it. Unlike
 * Readable.toWeb, cancelling it (a body refused as too large halfway) does not destroy the
 * connection: the rest is drained after the answer, as Next.js does, so the client reads the 413.
 */
function bodyOf(request: IncomingMessage): ReadableStream<Uint8Array> {
  let listening = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!listening) {
        listening = true;
        request.on("data", (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) request.pause();
        });
        request.once("end", () => controller.close());
        request.once("error", (error) => controller.error(error));
        // A client that went away mid-body: the read ends with an error instead of waiting forever.
        request.once("close", () => {
          if (!request.complete) controller.error(new Error("The client closed the connection before the body was sent"));
        });
      }
      request.resume();
    },
    cancel() {
      drain(request);
    },
  });
}

function drain(request: IncomingMessage) {
  request.removeAllListeners("data");
  request.resume();
}

async function answer(handler: RouteHandler, params: Record<string, string>, request: IncomingMessage, response: ServerResponse) {
  let status = 500;
  const headers: Record<string, string> = {};
  let body: Buffer;
  try {
    const result = await handler(toRequest(request), { params: Promise.resolve(params) as Promise<never> });
    status = result.status;
    result.headers.forEach((value, name) => (headers[name] = value));
    body = Buffer.from(await result.arrayBuffer());
  } catch {
    // The handlers turn every error into JSON themselves; this is the last resort.
    headers["content-type"] = "application/json";
    body = Buffer.from(JSON.stringify({ code: "internal", detail: "Internal server error" }));
  }
  for (const { key, value } of SECURITY) headers[key.toLowerCase()] ??= value;
  if (request.headers["x-forwarded-proto"] === "https") headers[HSTS.key.toLowerCase()] = HSTS.value;
  headers["content-length"] = String(body.length);
  if (!response.headersSent) response.writeHead(status, headers);
  response.end(body);
  // A body the handler did not read (refused before reading) is drained, so the connection can carry the next request.
  if (!request.complete) drain(request);
}
