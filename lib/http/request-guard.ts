import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { Duplex } from "node:stream";
import { markPeerHeaderTrusted, normalizeAddress, PEER_HEADER } from "./client-ip";
import { type DirectRoute, serveDirect } from "./direct-routes";

// What must happen to every request before Next.js sees it, installed once per server
// process (instrumentation.ts) on the HTTP server's "request" event:
// - the connection's address is stamped on the request (see client-ip.ts);
// - a path with malformed percent-encoding or a NUL byte is answered 400 here: Next.js
//   fails on it with a bare 500, and a NUL would reach the database as part of an id;
// - message ingest with an API key goes to its route handler directly (direct-routes.ts);
// - answers that need headers decided per request (the customer portal's framing) get them.

function reject(request: IncomingMessage, response: ServerResponse, detail: string): void {
  const api = request.url?.startsWith("/api") ?? false;
  const body = api ? JSON.stringify({ code: "bad_request", detail }) : `Bad request: ${detail}\n`;
  response.writeHead(400, {
    "content-type": api ? "application/json" : "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "x-content-type-options": "nosniff",
  });
  response.end(body);
}

/** Checks one request; false when it has been answered already. */
export function guardRequest(request: IncomingMessage, response: ServerResponse): boolean {
  request.headers[PEER_HEADER] = normalizeAddress(request.socket?.remoteAddress) ?? "unknown";
  const url = request.url ?? "/";
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  try {
    decodeURIComponent(path);
  } catch {
    reject(request, response, "The path is not valid: it has malformed percent-encoding (such as %ZZ) or bytes that are not UTF-8");
    return false;
  }
  if (/%00/.test(url)) {
    reject(request, response, "The address contains a NUL byte (%00)");
    return false;
  }
  return true;
}

/**
 * Headers that replace next.config's on the answer to a request (null removes one), decided
 * per request, e.g. from the database: null when the request needs none.
 */
export type AnswerHeaders = (request: IncomingMessage) => Promise<Record<string, string | null>> | null;

/** Sets `headers` on the answer just before it is written, over next.config's and Next's own. */
function overrideHeaders(response: ServerResponse, headers: Record<string, string | null>): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    for (const [name, value] of Object.entries(headers)) {
      if (value === null) this.removeHeader(name);
      else this.setHeader(name, value);
    }
    // Headers given to writeHead itself would win over setHeader's.
    const given = args.at(-1);
    if (given && typeof given === "object" && !Array.isArray(given)) {
      for (const key of Object.keys(given)) if (key.toLowerCase() in headers) delete (given as Record<string, unknown>)[key];
    }
    return writeHead.apply(this, args as Parameters<typeof writeHead>);
  } as typeof writeHead;
}

/** Answers an upgrade request (a WebSocket) it owns; false leaves it to Next.js. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

/**
 * Wraps the "request" event of every HTTP(S) server in this process; idempotent. `direct`
 * routes skip Next.js (direct-routes.ts); `upgrade` takes the WebSocket requests it owns;
 * `answerHeaders` sets headers of the answers it chooses.
 */
export function installRequestGuard(direct: DirectRoute[] = [], upgrade?: UpgradeHandler, answerHeaders?: AnswerHeaders): void {
  const store = globalThis as unknown as { __pigeonGuardInstalled?: boolean };
  if (store.__pigeonGuardInstalled) return;
  store.__pigeonGuardInstalled = true;
  for (const prototype of [http.Server.prototype, https.Server.prototype]) {
    const emit = prototype.emit;
    prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const [request, response] = args as [IncomingMessage, ServerResponse];
        if (!guardRequest(request, response) || serveDirect(direct, request, response)) return true;
        const pending = answerHeaders?.(request);
        if (pending) {
          // Next.js sees the request once its headers are known; if they cannot be, next.config's stay (no framing).
          pending
            .then((headers) => overrideHeaders(response, headers))
            .catch(() => {})
            .finally(() => emit.apply(this, [event, ...args] as unknown as Parameters<typeof emit>));
          return true;
        }
      }
      if (event === "upgrade" && upgrade) {
        const [request, socket, head] = args as [IncomingMessage, Duplex, Buffer];
        request.headers[PEER_HEADER] = normalizeAddress(request.socket?.remoteAddress) ?? "unknown";
        if (upgrade(request, socket, head)) return true;
      }
      return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
    } as typeof emit;
  }
  markPeerHeaderTrusted();
}
