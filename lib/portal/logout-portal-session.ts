import { AppError } from "@/lib/errors";
import { authenticatePortalToken } from "./authenticate-portal-token";
import { isPortalToken } from "./portal-token";
import { revokePortalSession } from "./revoke-portal-sessions";

/** Svix's logout: a portal token ends its own session (audited); any other credential is refused. */
export async function logoutPortalToken(token: string, ip: string) {
  if (!isPortalToken(token)) throw new AppError("forbidden", "Only a customer portal token can be logged out this way; revoke API keys in the console");
  const found = await authenticatePortalToken(token);
  if (!found) throw new AppError("unauthorized", "This portal token has expired or was revoked already");
  await revokePortalSession(found.org.id, { portalSessionId: found.session.id, ip }, found.session.id);
}
