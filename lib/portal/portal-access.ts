import type { AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import type { PortalCapability } from "./capabilities";
import type { PortalCaller } from "./authenticate-portal-token";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The AuthContext of a portal session: its organization, and the one application it may see. */
export function portalContext({ session, org }: PortalCaller, ip: string): AuthContext {
  return {
    org,
    role: "viewer",
    portal: { id: session.id, appId: session.appId, capabilities: session.capabilities, readOnly: session.readOnly },
    actor: { portalSessionId: session.id, ip },
  };
}

/** What a portal session may call: only routes that opted in, with that route's capability, and no write when read-only. */
export function assertPortalAccess(portal: NonNullable<AuthContext["portal"]>, method: string, capability: PortalCapability | undefined) {
  if (!capability) throw new AppError("forbidden", "A customer portal session can only use the portal's own routes of its application");
  if (portal.readOnly && !READS.has(method)) throw new AppError("forbidden", "This portal link is read-only: it can show everything but change nothing");
  if (!portal.capabilities.includes(capability)) {
    throw new AppError("forbidden", `This portal link does not allow that: it needs the ${capability} capability`);
  }
}
