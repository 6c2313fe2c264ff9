import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_AREAS, type AuditAction, auditActionLabel } from "./actions";
import { type AuditEntry, type AuditObjects, auditDescriptionText, describeAuditEvent, noAuditObjects } from "./describe";

const objects: AuditObjects = {
  ...noAuditObjects(),
  apps: { app_1: { name: "Billing" } },
  endpoints: {
    ep_1: { appId: "app_1", url: "https://example.com/hooks/billing", type: "webhook", uid: null },
    ep_poll: { appId: "app_1", url: "", type: "polling", uid: "feed" },
  },
  messages: { msg_1: { appId: "app_1", eventType: "invoice.paid" } },
  apiKeys: { key_1: { name: "CI deploy" } },
  members: { mbr_1: { name: "Ada", email: "ada@example.com" } },
  invitations: { inv_1: { email: "grace@example.com" } },
  eventTypes: { "invoice.paid": true },
  portalSessions: { psn_1: { appId: "app_1" } },
};

// One recorded shape per action, as the code that records it writes it.
const SAMPLES: Record<AuditAction, Omit<AuditEntry, "action">> = {
  login: { targetType: "user", targetId: "user_1", data: {} },
  "login.failed": { targetType: "user", targetId: "user_1", data: {} },
  signup: { targetType: "user", targetId: "user_1", data: { via: "oauth" } },
  "password.changed": { targetType: "user", targetId: "user_1", data: {} },
  "password.reset_requested": { targetType: "user", targetId: "user_1", data: {} },
  "password.reset": { targetType: "user", targetId: "user_1", data: {} },
  "profile.updated": {
    targetType: "user",
    targetId: "user_1",
    data: { name: { from: "Ada", to: "Ada L." }, email: { from: "ada@example.com", to: "ada@lovelace.dev" } },
  },
  "organization.created": { targetType: "organization", targetId: "org_1", data: {} },
  "organization.renamed": { targetType: "organization", targetId: "org_1", data: { from: "Acme", to: "Acme Inc" } },
  "organization.limits_changed": { targetType: "organization", targetId: "org_1", data: { apiRateLimit: 100, maxPayloadBytes: null, via: "cli" } },
  "settings.updated": { targetType: "application", targetId: "app_1", data: { fields: ["retrySchedule"] } },
  "invitation.created": { targetType: "invitation", targetId: "inv_1", data: { email: "grace@example.com", role: "developer" } },
  "invitation.accepted": { targetType: "invitation", targetId: "inv_1", data: { role: "developer" } },
  "invitation.revoked": { targetType: "invitation", targetId: "inv_2", data: { email: "old@example.com" } },
  "member.role_changed": { targetType: "membership", targetId: "mbr_1", data: { email: "ada@example.com", from: "viewer", to: "developer" } },
  "member.removed": { targetType: "membership", targetId: "mbr_2", data: { email: "bob@example.com", role: "viewer" } },
  "api_key.created": { targetType: "api_key", targetId: "key_1", data: { name: "CI deploy", role: "developer" } },
  "api_key.revoked": { targetType: "api_key", targetId: "key_1", data: { name: "CI deploy" } },
  "application.created": { targetType: "application", targetId: "app_1", data: { name: "Billing" } },
  "application.updated": { targetType: "application", targetId: "app_1", data: { fields: ["name", "rateLimit"] } },
  "application.deleted": { targetType: "application", targetId: "app_9", data: { name: "Old app" } },
  "portal_session.issued": {
    targetType: "portal_session",
    targetId: "psn_1",
    data: { appId: "app_1", capabilities: [], readOnly: true, expiresAt: "2030-01-01T00:00:00Z" },
  },
  "portal_session.revoked": { targetType: "application", targetId: "app_1", data: { sessions: 3, expiry: 0 } },
  "endpoint.created": { targetType: "endpoint", targetId: "ep_1", data: { url: "https://example.com/hooks/billing", type: "webhook", appId: "app_1" } },
  "endpoint.updated": { targetType: "endpoint", targetId: "ep_1", data: { fields: ["disabled"], disabled: true } },
  "endpoint.deleted": { targetType: "endpoint", targetId: "ep_9", data: { url: "https://gone.example.com/" } },
  "endpoint.secret_revealed": { targetType: "endpoint", targetId: "ep_1", data: {} },
  "endpoint.secret_rotated": { targetType: "endpoint", targetId: "ep_1", data: { graceEndsAt: "2030-01-01T00:00:00Z" } },
  "endpoint.token_rotated": { targetType: "endpoint", targetId: "ep_poll", data: {} },
  "endpoint.recover_started": {
    targetType: "endpoint",
    targetId: "ep_1",
    data: { endpointId: "ep_1", since: "2030-01-01T00:00:00Z", until: "2030-01-02T00:00:00Z", total: 12 },
  },
  "endpoint.recover_offer_dismissed": { targetType: "endpoint", targetId: "ep_1", data: { since: "2030-01-01T00:00:00Z", paused: 23 } },
  "messages.retried": { targetType: "application", targetId: "app_1", data: { deliveries: 4, messages: 3, more: false, filters: { status: "exhausted" } } },
  "message.resent": { targetType: "message", targetId: "msg_1", data: { endpointId: "ep_1", deliveryId: "dlv_1" } },
  "event_type.created": { targetType: "event_type", targetId: "invoice.paid", data: {} },
  "event_type.updated": { targetType: "event_type", targetId: "invoice.paid", data: { fields: ["description"] } },
  "event_type.archived": { targetType: "event_type", targetId: "invoice.paid", data: { expunge: false } },
};

const sentence = (action: string, entry: Omit<AuditEntry, "action">, with_ = objects) => describeAuditEvent({ action, ...entry }, with_);
const noBraces = /[{}[\]"]|\bundefined\b|\bnull\b|\[object/;

describe("the audit log's sentences", () => {
  it("has a label and a sample for every known action, and nothing more", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(Object.keys(SAMPLES).sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const area of AUDIT_AREAS) for (const label of Object.values(area.actions)) expect(label).toMatch(/^[A-Z]/);
  });

  it.each(AUDIT_ACTIONS)("describes %s as a sentence, not JSON nor the fallback", (action) => {
    const description = sentence(action, SAMPLES[action]);
    const text = auditDescriptionText(description);
    expect(description.facts).toEqual([]);
    expect(text).toMatch(/^[A-Z]/);
    expect(text).not.toMatch(noBraces);
    expect(text).not.toContain(action);
    // With nothing resolved (all deleted) it still reads well, and links nowhere but to the
    // organization's own settings (the organization whose log this is exists).
    const gone = sentence(action, SAMPLES[action], noAuditObjects());
    expect(auditDescriptionText(gone)).not.toMatch(noBraces);
    for (const part of gone.parts)
      if (typeof part === "object" && "ref" in part) expect(part.ref.href).toBe(part.ref.kind === "organization" ? "/settings" : null);
  });

  it("names the objects, linking those that still exist", () => {
    const revoked = sentence("api_key.revoked", SAMPLES["api_key.revoked"]);
    expect(auditDescriptionText(revoked)).toBe("Revoked API key “CI deploy”");
    expect(revoked.parts[1]).toEqual({ ref: { kind: "api_key", id: "key_1", label: "“CI deploy”", hint: "key_1", href: "/api-keys" } });

    const disabled = sentence("endpoint.updated", SAMPLES["endpoint.updated"]);
    expect(auditDescriptionText(disabled)).toBe("Disabled endpoint https://example.com/hooks/billing in application Billing");
    const links = disabled.parts.flatMap((p) => (typeof p === "object" && "ref" in p ? [p.ref.href] : []));
    expect(links).toEqual(["/apps/app_1/endpoints/ep_1", "/apps/app_1"]);

    expect(auditDescriptionText(sentence("member.role_changed", SAMPLES["member.role_changed"]))).toBe("Changed Ada’s role from viewer to developer");
    expect(auditDescriptionText(sentence("message.resent", SAMPLES["message.resent"]))).toBe(
      "Resent message msg_1 to endpoint https://example.com/hooks/billing",
    );
    expect(auditDescriptionText(sentence("endpoint.token_rotated", SAMPLES["endpoint.token_rotated"]))).toBe(
      "Rotated the polling token of endpoint polling endpoint feed in application Billing",
    );
    expect(
      auditDescriptionText(sentence("endpoint.updated", { targetType: "endpoint", targetId: "ep_1", data: { fields: ["url", "disabled"], disabled: false } })),
    ).toBe("Enabled endpoint https://example.com/hooks/billing in application Billing, and changed url");
    expect(auditDescriptionText(sentence("endpoint.updated", { targetType: "endpoint", targetId: "ep_1", data: { headers: ["X-Token"] } }))).toBe(
      "Changed the custom headers of endpoint https://example.com/hooks/billing in application Billing: X-Token",
    );
  });

  it("keeps a deleted object's last known name as plain text", () => {
    const deleted = sentence("endpoint.deleted", SAMPLES["endpoint.deleted"]);
    expect(auditDescriptionText(deleted)).toBe("Deleted endpoint https://gone.example.com/");
    expect(deleted.parts[1]).toMatchObject({ ref: { href: null } });
    expect(auditDescriptionText(sentence("member.removed", SAMPLES["member.removed"]))).toBe("Removed bob@example.com (viewer) from the organization");
  });

  it("tells an unknown action's data as key: value facts, never JSON", () => {
    const description = describeAuditEvent({
      action: "notice.recovered",
      targetType: "endpoint",
      targetId: "ep_1",
      data: { endpointId: "ep_1", failures: 3, nested: { retrySchedule: [5, 60] }, quiet: true, gone: null },
    });
    expect(auditActionLabel("notice.recovered")).toBe("notice.recovered");
    expect(auditDescriptionText(description)).toBe("Notice recovered on endpoint ep_1");
    expect(description.facts).toEqual([
      { label: "endpoint id", value: "ep_1" },
      { label: "failures", value: "3" },
      { label: "nested", value: "retry schedule: 5, 60" },
      { label: "quiet", value: "yes" },
      { label: "gone", value: "none" },
    ]);
    for (const fact of description.facts) expect(fact.value).not.toMatch(/[{}"]/);
    // Data that is not an object at all still describes the action.
    expect(auditDescriptionText(describeAuditEvent({ action: "login", targetType: null, targetId: null, data: "odd" }))).toBe("Signed in");
  });
});
