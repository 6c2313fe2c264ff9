import type { PortalCaller } from "./authenticate-portal-token";

/** PortalSessionOut: what the portal's pages learn of their session (docs/portal-contract.md). */
export function serializePortalSession({ session, app, org, branding }: PortalCaller) {
  return {
    id: session.id,
    appId: app.id,
    appUid: app.uid,
    appName: app.name,
    orgName: org.name,
    capabilities: session.capabilities,
    readOnly: session.readOnly,
    expiresAt: session.expiresAt,
    branding,
  };
}
