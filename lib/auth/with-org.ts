import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { Role } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { authenticatePollingToken } from "@/lib/polling/polling-token";
import { isPollingToken } from "@/lib/polling/token-format";
import { handle } from "@/lib/http/handle";
import { idempotent, type StableId } from "@/lib/http/idempotency";
import { readBody } from "@/lib/http/read-json";
import { authenticatePortalToken } from "@/lib/portal/authenticate-portal-token";
import type { PortalCapability } from "@/lib/portal/capabilities";
import { assertPortalAccess, portalContext } from "@/lib/portal/portal-access";
import { fromPortalPage, PORTAL_COOKIE, readCookie } from "@/lib/portal/portal-cookie";
import { isPortalToken } from "@/lib/portal/portal-token";
import { takeApiRequest } from "@/lib/rate-limit/take-api-request";
import type { AuthContext } from "./context";
import { hasRole } from "./roles";
import { getConsoleSession } from "./session";

type Params = Record<string, string | string[]>;
// `stableId` is set for a POST with an Idempotency-Key (see idempotency.ts).
type Handler<P> = (request: Request, context: { auth: AuthContext; params: P; stableId?: StableId }) => Promise<Response> | Response;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated writes must come from Pigeon's own pages: an Origin of this server
 * (as the browser addressed it, or PUBLIC_URL), or, without Origin, `Sec-Fetch-Site:
 * same-origin`. Anything else — no Origin, "null", another site, garbage — is a 403.
 */
export function assertSameOrigin(request: Request) {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  if (origin === null && request.headers.get("sec-fetch-site") === "same-origin") return;
  const parsed = origin && URL.canParse(origin) ? new URL(origin) : null;
  if (parsed && (parsed.host === request.headers.get("host") || parsed.origin === new URL(env().PUBLIC_URL).origin)) return;
  throw new AppError("forbidden", "Cross-site request refused: changes made with a session cookie must come from Pigeon's own pages");
}

async function resolveCaller(request: Request): Promise<AuthContext> {
  const ip = clientIp(request.headers);
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const key = authorization.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (key && isPollingToken(key)) {
      const polling = await authenticatePollingToken(key);
      if (!polling) throw new AppError("unauthorized", "Invalid or rotated polling endpoint token");
      await takeApiRequest(polling.org.id, polling.org.limits.apiRateLimit);
      return { org: polling.org, role: "viewer", pollingEndpointId: polling.endpointId, actor: { ip } };
    }
    if (key && isPortalToken(key)) return portalCaller(key, ip);
    const found = key ? await authenticateApiKey(key) : null;
    if (!found) throw new AppError("unauthorized", "Invalid or revoked API key");
    await takeApiRequest(found.org.id, found.org.limits.apiRateLimit);
    return { org: found.org, role: found.role, apiKeyId: found.id, actor: { apiKeyId: found.id, ip } };
  }
  const portalToken = readCookie(request, PORTAL_COOKIE);
  const session = portalToken && fromPortalPage(request) ? null : await getConsoleSession();
  if (!session && portalToken) {
    assertSameOrigin(request);
    return portalCaller(portalToken, ip);
  }
  if (!session) throw new AppError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`");
  if (!session.active) throw new AppError("forbidden", "You are not a member of any organization");
  assertSameOrigin(request);
  return { org: session.active.org, role: session.active.role, user: session.user, actor: { userId: session.user.id, ip } };
}

async function portalCaller(token: string, ip: string): Promise<AuthContext> {
  const found = await authenticatePortalToken(token);
  if (!found) throw new AppError("unauthorized", "This portal link has expired or was revoked; ask for a new one");
  await takeApiRequest(found.org.id, found.org.limits.apiRateLimit);
  return portalContext(found, ip);
}

interface Options {
  /** Default: viewer for reads, developer for writes. */
  role?: Role;
  /** The largest body this route reads (default PIGEON_MAX_BODY_BYTES), e.g. the organization's payload limit. */
  bodyLimit?: (auth: AuthContext) => number;
  /** The answer holds a secret shown once: never kept for Idempotency-Key replays (a function of the body when only some requests' do). */
  secretAnswer?: boolean | ((body: string) => boolean);
  /** A polling endpoint's token may call this route (for its own endpoint: findEndpoint checks). */
  pollingToken?: boolean;
  /** A customer portal session holding this capability may call this route (for its own application: findApplication checks). */
  portal?: PortalCapability;
}

/** The caller of a request, if it may call a route with these options (withOrg's check, for the WebSocket door too). */
export async function authorize(request: Request, options: Pick<Options, "role" | "pollingToken" | "portal"> = {}): Promise<AuthContext> {
  const auth = await resolveCaller(request);
  if (auth.portal) {
    assertPortalAccess(auth.portal, request.method, options.portal);
    return auth;
  }
  if (auth.pollingEndpointId && !options.pollingToken) {
    throw new AppError("forbidden", "A polling endpoint's token can only read that endpoint's messages; use an API key for the rest of the API");
  }
  const required = options.role ?? (SAFE_METHODS.has(request.method) ? "viewer" : "developer");
  if (!auth.pollingEndpointId && !hasRole(auth.role, required)) {
    throw new AppError("forbidden", `This needs the ${required} role; ${auth.apiKeyId ? "this key has" : "you have"} ${auth.role}.`);
  }
  return auth;
}

/**
 * Wraps a route handler: resolves the caller (API key or session) to an organization and
 * role, requires `role`, reads the body (never beyond the route's limit) and passes the
 * awaited route params on. Errors become JSON.
 */
export function withOrg<P extends Params = Params>(handler: Handler<P>, options: Options = {}) {
  return handle<{ params: Promise<P> }>(async (request, { params }) => {
    const auth = await authorize(request, options);
    const resolved = await params;
    if (SAFE_METHODS.has(request.method) || request.method === "DELETE") return handler(request, { auth, params: resolved });
    // Read here, before the handler: the Idempotency-Key hashes the body, and the limit must hold for that read too.
    const body = await readBody(request, options.bodyLimit?.(auth));
    const caller = auth.apiKeyId ?? auth.user?.id ?? auth.portal?.id ?? "";
    return idempotent(
      request,
      { orgId: auth.org.id, caller, body, secretAnswer: typeof options.secretAnswer === "function" ? options.secretAnswer(body) : options.secretAnswer },
      async (stableId) => handler(request, { auth, params: resolved, stableId }),
    );
  });
}

type UserHandler<P> = (request: Request, context: { user: { id: string; email: string; name: string }; ip: string; params: P }) => Promise<Response> | Response;

/** Wraps a route handler that needs a signed-in person but no organization. */
export function withUser<P extends Params = Params>(handler: UserHandler<P>) {
  return handle<{ params: Promise<P> }>(async (request, { params }) => {
    const session = await getConsoleSession();
    if (!session) throw new AppError("unauthorized", "Sign in first");
    assertSameOrigin(request);
    return handler(request, { user: session.user, ip: clientIp(request.headers), params: await params });
  });
}
