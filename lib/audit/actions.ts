// Every action the audit log records, grouped by area, with the label people read. The
// `AuditAction` type (what `recordAuditEvent` accepts) is derived from this list, so a new
// action cannot be recorded before it is named here, and the description test covers it.

export const AUDIT_AREAS = [
  {
    area: "Accounts",
    actions: {
      login: "Signed in",
      "login.failed": "Failed sign-in",
      signup: "Signed up",
      "password.changed": "Password changed",
      "password.reset_requested": "Password reset requested",
      "password.reset": "Password reset by email",
      "profile.updated": "Profile changed",
    },
  },
  {
    area: "Organization",
    actions: {
      "organization.created": "Organization created",
      "organization.renamed": "Organization renamed",
      "organization.limits_changed": "Limits changed",
      "settings.updated": "Delivery settings changed",
    },
  },
  {
    area: "Team",
    actions: {
      "invitation.created": "Member invited",
      "invitation.accepted": "Invitation accepted",
      "invitation.revoked": "Invitation revoked",
      "member.role_changed": "Role changed",
      "member.removed": "Member removed",
    },
  },
  {
    area: "API keys",
    actions: {
      "api_key.created": "API key created",
      "api_key.revoked": "API key revoked",
    },
  },
  {
    area: "Applications",
    actions: {
      "application.created": "Application created",
      "application.updated": "Application updated",
      "application.deleted": "Application deleted",
      "portal_session.issued": "Portal session opened",
      "portal_session.revoked": "Portal sessions revoked",
    },
  },
  {
    area: "Endpoints",
    actions: {
      "endpoint.created": "Endpoint created",
      "endpoint.updated": "Endpoint updated",
      "endpoint.deleted": "Endpoint deleted",
      "endpoint.secret_revealed": "Secret revealed",
      "endpoint.secret_rotated": "Secret rotated",
      "endpoint.token_rotated": "Polling token rotated",
      "endpoint.recover_started": "Recovery started",
      "endpoint.recover_offer_dismissed": "Recovery offer dismissed",
    },
  },
  {
    area: "Messages",
    actions: {
      "messages.retried": "Failed messages retried",
      "message.resent": "Message resent",
    },
  },
  {
    area: "Event types",
    actions: {
      "event_type.created": "Event type created",
      "event_type.updated": "Event type updated",
      "event_type.archived": "Event type archived",
    },
  },
] as const;

type ActionsOf<A> = A extends { actions: infer M } ? keyof M & string : never;
export type AuditAction = ActionsOf<(typeof AUDIT_AREAS)[number]>;

const LABELS: Record<string, string> = Object.assign({}, ...AUDIT_AREAS.map((a) => a.actions));

/** Every known action, in the order of the areas above. */
export const AUDIT_ACTIONS = Object.keys(LABELS) as AuditAction[];

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(LABELS, value);

/** The label people read; an action this version does not know keeps its name. */
export const auditActionLabel = (action: string): string => (isAuditAction(action) ? LABELS[action]! : action);
