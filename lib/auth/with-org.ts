import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { Role } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { handle } from "@/lib/http/handle";
import { idempotent } from "@/lib/http/idempotency";
import { takeApiRequest } from "@/lib/rate-limit/take-api-request";
import type { AuthContext } from "./context";
import { hasRole } from "./roles";
import { getConsoleSession } from "./session";

type Params = Record<string, string | string[]>;
type Handler<P> = (request: Request, context: { auth: AuthContext; params: P }) => Promise<Response> | Response;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Cookie-authenticated writes must come from our own pages. */
function assertSameOrigin(request: Request) {
  const origin = request.headers.get("origin");
  if (!SAFE_METHODS.has(request.method) && origin && origin !== "null" && new URL(origin).host !== request.headers.get("host")) {
    throw new AppError("forbidden", "Cross-site request refused");
  }
}

async function resolveCaller(request: Request): Promise<AuthContext> {
  const ip = clientIp(request.headers);
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const key = authorization.match(/^Bearer\s+(\S+)$/i)?.[1];
    const found = key ? await authenticateApiKey(key) : null;
    if (!found) throw new AppError("unauthorized", "Invalid or revoked API key");
    await takeApiRequest(found.org.id, found.org.limits.apiRateLimit);
    return { org: found.org, role: found.role, apiKeyId: found.id, actor: { apiKeyId: found.id, ip } };
  }
  const session = await getConsoleSession();
  if (!session) throw new AppError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`");
  if (!session.active) throw new AppError("forbidden", "You are not a member of any organization");
  assertSameOrigin(request);
  return { org: session.active.org, role: session.active.role, user: session.user, actor: { userId: session.user.id, ip } };
}

/**
 * Wraps a route handler: resolves the caller (API key or session) to an organization and
 * role, requires `role` (default: viewer for reads, developer for writes), and passes the
 * awaited route params on. Errors become JSON.
 */
export function withOrg<P extends Params = Params>(handler: Handler<P>, options: { role?: Role } = {}) {
  return handle<{ params: Promise<P> }>(async (request, { params }) => {
    const auth = await resolveCaller(request);
    const required = options.role ?? (SAFE_METHODS.has(request.method) ? "viewer" : "developer");
    if (!hasRole(auth.role, required)) {
      throw new AppError("forbidden", `This needs the ${required} role; ${auth.apiKeyId ? "this key has" : "you have"} ${auth.role}.`);
    }
    const resolved = await params;
    return idempotent(request, auth.org.id, async () => handler(request, { auth, params: resolved }));
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
