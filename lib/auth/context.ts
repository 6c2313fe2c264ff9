import type { Actor } from "@/lib/audit/record-audit-event";
import type { Role } from "@/lib/db";
import type { OrgLimits } from "@/lib/orgs/org-limits";
import type { PortalCapability } from "@/lib/portal/capabilities";

/** Who is calling, for which organization, with which role. Built only by withOrg. */
export interface AuthContext {
  org: { id: string; name: string; limits: OrgLimits };
  role: Role;
  user?: { id: string; email: string; name: string };
  apiKeyId?: string;
  actor: Actor;
  /** A polling endpoint's token: it may read that one endpoint's messages (and its secret), nothing else. */
  pollingEndpointId?: string;
  /** A customer portal session: routes that opt in serve it its one application, with its capabilities. */
  portal?: { id: string; appId: string; capabilities: PortalCapability[]; readOnly: boolean };
  /** Set only by the operational-webhook routes: application refs then mean the organization's own operational application. */
  operational?: boolean;
}
