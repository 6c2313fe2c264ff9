import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { PORTAL_CAPABILITIES } from "./capabilities";
import { issuePortalSession } from "./issue-portal-session";

// The console's "Open customer portal": short-lived, for a team member to see what customers see.
const CONSOLE_LINK_SECONDS = 3600;

/** A one-hour link with every capability to the application's portal, issued by the signed-in person (audited). */
export async function openPortalLink(auth: AuthContext, appRef: string) {
  const app = await findApplication(auth, appRef);
  const { url, token, expiresAt } = await issuePortalSession(auth, app, {
    capabilities: [...PORTAL_CAPABILITIES],
    readOnly: false,
    expirySeconds: CONSOLE_LINK_SECONDS,
  });
  return { url, token, expiresAt };
}
