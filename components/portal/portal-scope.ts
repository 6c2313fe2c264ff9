import type { AppScope } from "@/components/common/app-scope";
import type { PortalCapability } from "@/lib/portal/capabilities";
import type { PortalSession } from "@/lib/queries/portal-sessions";

/**
 * The portal's links and controls for a session: what its capabilities allow, and nothing
 * that changes anything when it is read-only. The server refuses the rest anyway; this only
 * keeps the page from offering it.
 */
export function portalScope(appId: string, session: Pick<PortalSession, "capabilities" | "readOnly">): AppScope {
  const has = (capability: PortalCapability) => session.capabilities.includes(capability);
  const writes = !session.readOnly;
  const appHref = () => `/portal/${appId}`;
  return {
    kind: "portal",
    appHref,
    appCrumbs: (_appId, appName) => [{ label: appName ?? "Webhooks", href: appHref() }],
    eventTypesHref: `${appHref()}/event-types`,
    access: {
      manageApp: false,
      manageEndpoint: writes && has("ManageEndpoint"),
      viewSecret: has("ViewEndpointSecret") || has("ManageEndpointSecret"),
      rotateSecret: writes && has("ManageEndpointSecret"),
      createAttempts: writes && has("CreateAttempts"),
      manageEventTypes: false,
    },
    deniedText: "This link does not allow it.",
  };
}
