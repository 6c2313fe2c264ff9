// What an audit entry says, as a sentence a person reads: "Revoked API key “CI deploy”",
// "Disabled endpoint https://… in application Billing". Pure: the objects an entry names
// are looked up beforehand (`AuditObjects`); one still there becomes a link to its console
// page, one since deleted stays plain text. Never raw JSON: an action this version does not
// know is told as a list of "key: value" facts.

import { type AuditAction, isAuditAction } from "./actions";

export type AuditRefKind = "organization" | "app" | "endpoint" | "message" | "api_key" | "member" | "invitation" | "event_type";

/** An object an entry names; `href` is its console page while it exists, else null. */
export interface AuditRef {
  kind: AuditRefKind;
  id: string;
  label: string;
  /** Shown small beside the label, e.g. the key's id. */
  hint?: string;
  href: string | null;
}

export type AuditPart = string | { ref: AuditRef } | { time: string };

export interface AuditDescription {
  parts: AuditPart[];
  facts: { label: string; value: string }[];
}

/** The objects the entries of a page name that still exist, by id (event types by name). */
export interface AuditObjects {
  apps: Record<string, { name: string }>;
  endpoints: Record<string, { appId: string; url: string; type: string; uid: string | null }>;
  messages: Record<string, { appId: string; eventType: string }>;
  apiKeys: Record<string, { name: string }>;
  members: Record<string, { name: string; email: string }>;
  invitations: Record<string, { email: string }>;
  eventTypes: Record<string, true>;
  portalSessions: Record<string, { appId: string }>;
}

export const noAuditObjects = (): AuditObjects => ({
  apps: {},
  endpoints: {},
  messages: {},
  apiKeys: {},
  members: {},
  invitations: {},
  eventTypes: {},
  portalSessions: {},
});

export interface AuditEntry {
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
}

type Data = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** `retrySchedule` → "retry schedule", `portal.readOnly` → "portal read only". */
export function humanizeKey(key: string): string {
  return key
    .replace(/[._-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
}

/** A value as plain words: lists joined by commas, objects as "key: value" pairs, no braces. */
export function readableValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString("en-US");
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (Array.isArray(value)) return value.length ? value.map(readableValue).join(", ") : "none";
  if (typeof value === "object") {
    const entries = Object.entries(value as Data);
    return entries.length ? entries.map(([k, v]) => `${humanizeKey(k)}: ${readableValue(v)}`).join("; ") : "none";
  }
  return String(value);
}

const fieldList = (fields: string[]) => fields.map(humanizeKey).join(", ");

/** A sentence from a template: `parts\`Revoked API key ${ref}\``. */
function parts(strs: TemplateStringsArray, ...values: (AuditPart | AuditPart[] | undefined)[]): AuditPart[] {
  const out: AuditPart[] = [];
  const push = (part: AuditPart) => {
    if (typeof part === "string" && typeof out.at(-1) === "string") out[out.length - 1] = (out.at(-1) as string) + part;
    else if (part !== "") out.push(part);
  };
  strs.forEach((s, i) => {
    push(s);
    const value = values[i];
    if (value === undefined) return;
    for (const part of Array.isArray(value) ? value : [value]) push(part);
  });
  return out;
}

/** Builds the references of one entry against the objects that still exist. */
function refs(objects: AuditObjects) {
  const ref = (r: AuditRef): AuditPart => ({ ref: r });
  const app = (id: string | undefined, fallbackName?: string): AuditPart => {
    if (!id) return fallbackName ? `“${fallbackName}”` : "an application";
    const found = objects.apps[id];
    return ref({ kind: "app", id, label: found?.name ?? fallbackName ?? id, href: found ? `/apps/${id}` : null });
  };
  const endpoint = (id: string | undefined, fallbackUrl?: string): AuditPart => {
    if (!id) return fallbackUrl ?? "an endpoint";
    const found = objects.endpoints[id];
    const label = found ? (found.type === "polling" ? `polling endpoint ${found.uid ?? id}` : found.url) : (fallbackUrl ?? id);
    return ref({ kind: "endpoint", id, label, href: found ? `/apps/${found.appId}/endpoints/${id}` : null });
  };
  /** " in application X" for an endpoint, when its application is known. */
  const inApp = (endpointId: string | undefined, appId?: string): AuditPart[] => {
    const owner = (endpointId && objects.endpoints[endpointId]?.appId) || appId;
    return owner ? [" in application ", app(owner)] : [];
  };
  const message = (id: string): AuditPart => {
    const found = objects.messages[id];
    return ref({ kind: "message", id, label: id, hint: found?.eventType, href: found ? `/apps/${found.appId}/messages/${id}` : null });
  };
  const apiKey = (id: string | undefined, name?: string): AuditPart => {
    const label = `“${objects.apiKeys[id ?? ""]?.name ?? name ?? "unnamed"}”`;
    if (!id) return label;
    return ref({ kind: "api_key", id, label, hint: id, href: objects.apiKeys[id] ? "/api-keys" : null });
  };
  const member = (id: string | undefined, email?: string): AuditPart => {
    const found = id ? objects.members[id] : undefined;
    const label = found?.name || found?.email || email || "a member";
    if (!id) return label;
    return ref({ kind: "member", id, label, hint: found?.name && found.email !== found.name ? found.email : undefined, href: found ? "/team" : null });
  };
  const invitation = (id: string | undefined, email?: string): AuditPart => {
    const label = objects.invitations[id ?? ""]?.email ?? email ?? "someone";
    if (!id) return label;
    return ref({ kind: "invitation", id, label, href: objects.invitations[id] ? "/team" : null });
  };
  const eventType = (name: string): AuditPart => ref({ kind: "event_type", id: name, label: name, href: objects.eventTypes[name] ? "/event-types" : null });
  const organization = (id: string | null, label = "the organization"): AuditPart => (id ? ref({ kind: "organization", id, label, href: "/settings" }) : label);
  return { app, endpoint, inApp, message, apiKey, member, invitation, eventType, organization };
}

type Describe = (entry: AuditEntry & { data: Data }, r: ReturnType<typeof refs>, objects: AuditObjects) => AuditPart[];

const target = (entry: AuditEntry) => entry.targetId ?? undefined;

/** One sentence per known action; the `Record` makes the compiler ask for every new one. */
const DESCRIBE: Record<AuditAction, Describe> = {
  login: () => ["Signed in"],
  "login.failed": () => ["Failed to sign in (wrong password)"],
  signup: (e) => (e.data.via === "oauth" ? ["Signed up with a single sign-on account"] : ["Signed up"]),
  "password.changed": () => ["Changed their password"],
  "password.reset_requested": () => ["Asked for a password reset link by email"],
  "password.reset": () => ["Set a new password with a reset link from their email; every session of theirs was signed out"],
  "profile.updated": (e) => {
    const change = (key: string, what: string) => {
      const value = e.data[key] as { from?: unknown; to?: unknown } | undefined;
      const from = text(value?.from);
      const to = text(value?.to);
      return to ? `${what}${from ? ` from “${from}”` : ""} to “${to}”` : undefined;
    };
    const changes = [change("name", "their name"), change("email", "their email")].filter(Boolean);
    return [changes.length ? `Changed ${changes.join(" and ")}` : "Changed their profile"];
  },

  "organization.created": (e, r) => parts`Created ${r.organization(e.targetId)}`,
  "organization.renamed": (e, r) =>
    text(e.data.from) && text(e.data.to)
      ? parts`Renamed ${r.organization(e.targetId)} from “${text(e.data.from)}” to “${text(e.data.to)}”`
      : parts`Renamed ${r.organization(e.targetId)}`,
  "organization.limits_changed": (e, r) => {
    const limits: string[] = [];
    if ("apiRateLimit" in e.data) {
      const rate = e.data.apiRateLimit;
      limits.push(`API rate ${rate === null ? "back to the default" : rate === 0 ? "unlimited" : `${readableValue(rate)} requests a second`}`);
    }
    if ("maxPayloadBytes" in e.data) {
      const size = e.data.maxPayloadBytes;
      limits.push(`payload size ${size === null ? "back to the default" : `at most ${readableValue(size)} bytes`}`);
    }
    const via = e.data.via === "cli" ? " (from the command line)" : "";
    return limits.length
      ? parts`Set the limits of ${r.organization(e.targetId)}: ${limits.join(", ")}${via}`
      : parts`Changed the limits of ${r.organization(e.targetId)}${via}`;
  },
  "settings.updated": (e, r) => {
    const fields = strings(e.data.fields);
    const what = fields.length ? `: ${fieldList(fields)}` : "";
    return e.targetType === "application"
      ? parts`Changed the delivery settings of application ${r.app(target(e))}${what}`
      : parts`Changed the organization’s delivery settings${what}`;
  },

  "invitation.created": (e, r) => parts`Invited ${r.invitation(target(e), text(e.data.email))}${text(e.data.role) ? ` as ${text(e.data.role)}` : ""}`,
  "invitation.accepted": (e) => [`Joined the organization${text(e.data.role) ? ` as ${text(e.data.role)}` : ""} (accepted an invitation)`],
  "invitation.revoked": (e, r) => parts`Revoked the invitation of ${r.invitation(target(e), text(e.data.email))}`,
  "member.role_changed": (e, r) => {
    const who = r.member(target(e), text(e.data.email));
    return text(e.data.from) && text(e.data.to) ? parts`Changed ${who}’s role from ${text(e.data.from)} to ${text(e.data.to)}` : parts`Changed ${who}’s role`;
  },
  "member.removed": (e, r) =>
    parts`Removed ${r.member(target(e), text(e.data.email))}${text(e.data.role) ? ` (${text(e.data.role)})` : ""} from the organization`,

  "api_key.created": (e, r) =>
    parts`Created API key ${r.apiKey(target(e), text(e.data.name))}${text(e.data.role) ? ` with the ${text(e.data.role)} role` : ""}${e.data.via === "cli" ? " from the command line" : ""}`,
  "api_key.revoked": (e, r) => parts`Revoked API key ${r.apiKey(target(e), text(e.data.name))}`,

  "application.created": (e, r) => parts`Created application ${r.app(target(e), text(e.data.name))}`,
  "application.updated": (e, r) => {
    const fields = strings(e.data.fields);
    return parts`Updated application ${r.app(target(e))}${fields.length ? `: ${fieldList(fields)}` : ""}`;
  },
  "application.deleted": (e) => [`Deleted application “${text(e.data.name) ?? e.targetId ?? "unnamed"}”`],
  "portal_session.issued": (e, r) => {
    const caps = strings(e.data.capabilities);
    const access = e.data.readOnly === true ? "read-only" : caps.length ? caps.map(humanizeKey).join(", ") : "full access";
    const expires = text(e.data.expiresAt);
    return parts`Opened a customer portal session for application ${r.app(text(e.data.appId))} (${access})${expires ? [", until ", { time: expires }] : undefined}`;
  },
  "portal_session.revoked": (e, r, objects) => {
    if (e.targetType === "application") {
      const n = count(e.data.sessions);
      const expiry = count(e.data.expiry) ?? 0;
      const sessions = n === undefined ? "the customer portal sessions" : plural(n, "customer portal session");
      return parts`Ended ${sessions} of application ${r.app(target(e))}${expiry > 0 ? ` in ${plural(expiry, "second")}` : ""}`;
    }
    const appId = objects.portalSessions[target(e) ?? ""]?.appId;
    return appId ? parts`Revoked a customer portal session of application ${r.app(appId)}` : ["Revoked a customer portal session"];
  },

  "endpoint.created": (e, r) => parts`Created endpoint ${r.endpoint(target(e), text(e.data.url))}${r.inApp(target(e), text(e.data.appId))}`,
  "endpoint.updated": (e, r) => {
    const ep = r.endpoint(target(e));
    const where = r.inApp(target(e));
    const headers = strings(e.data.headers);
    if (Array.isArray(e.data.headers))
      return parts`Changed the custom headers of endpoint ${ep}${where}${headers.length ? `: ${headers.join(", ")}` : " (removed them all)"}`;
    const others = strings(e.data.fields).filter((f) => f !== "disabled");
    const also = others.length ? `, and changed ${fieldList(others)}` : "";
    if (e.data.disabled === true) return parts`Disabled endpoint ${ep}${where}${also}`;
    if (e.data.disabled === false) return parts`Enabled endpoint ${ep}${where}${also}`;
    const fields = strings(e.data.fields);
    return parts`Updated endpoint ${ep}${where}${fields.length ? `: ${fieldList(fields)}` : ""}`;
  },
  "endpoint.deleted": (e, r) => parts`Deleted endpoint ${r.endpoint(target(e), text(e.data.url))}`,
  "endpoint.secret_revealed": (e, r) => parts`Revealed the signing secret of endpoint ${r.endpoint(target(e))}${r.inApp(target(e))}`,
  "endpoint.secret_rotated": (e, r) => {
    const grace = text(e.data.graceEndsAt);
    return parts`Rotated the signing secret of endpoint ${r.endpoint(target(e))}${r.inApp(target(e))}${grace ? ["; the old one keeps signing until ", { time: grace }] : undefined}`;
  },
  "endpoint.token_rotated": (e, r) => parts`Rotated the polling token of endpoint ${r.endpoint(target(e))}${r.inApp(target(e))}`,
  "endpoint.recover_started": (e, r) => {
    const n = count(e.data.total);
    const since = text(e.data.since);
    return parts`Started resending ${n === undefined ? "the failed messages" : plural(n, "failed message")} to endpoint ${r.endpoint(target(e) ?? text(e.data.endpointId))}${since ? [" since ", { time: since }] : undefined}`;
  },
  "endpoint.recover_offer_dismissed": (e, r) =>
    parts`Dismissed the offer to recover the messages paused while endpoint ${r.endpoint(target(e))} was disabled${r.inApp(target(e))}`,

  "messages.retried": (e, r) => {
    const n = count(e.data.messages);
    const deliveries = count(e.data.deliveries);
    const what = n === undefined ? "failed messages" : plural(n, "failed message");
    const extra = deliveries !== undefined && deliveries !== n ? ` (${plural(deliveries, "delivery", "deliveries")})` : "";
    return parts`Retried ${what}${extra} in application ${r.app(target(e))}`;
  },
  "message.resent": (e, r) => parts`Resent message ${r.message(target(e) ?? "")} to endpoint ${r.endpoint(text(e.data.endpointId))}`,

  "event_type.created": (e, r) => parts`Created event type ${r.eventType(target(e) ?? "")}`,
  "event_type.updated": (e, r) => {
    const fields = strings(e.data.fields);
    return parts`Updated event type ${r.eventType(target(e) ?? "")}${fields.length ? `: ${fieldList(fields)}` : ""}`;
  },
  "event_type.archived": (e, r) =>
    e.data.expunge === true
      ? parts`Deleted event type ${r.eventType(target(e) ?? "")} and its schemas`
      : parts`Archived event type ${r.eventType(target(e) ?? "")}`,
};

/** The sentence of one entry, and for an unknown action its data as readable facts. */
export function describeAuditEvent(entry: AuditEntry, objects: AuditObjects = noAuditObjects()): AuditDescription {
  const data: Data = entry.data && typeof entry.data === "object" && !Array.isArray(entry.data) ? (entry.data as Data) : {};
  if (isAuditAction(entry.action)) return { parts: DESCRIBE[entry.action]({ ...entry, data }, refs(objects), objects), facts: [] };
  const facts = Object.entries(data).map(([key, value]) => ({ label: humanizeKey(key), value: readableValue(value) }));
  const on = entry.targetType ? ` on ${humanizeKey(entry.targetType)}${entry.targetId ? ` ${entry.targetId}` : ""}` : "";
  const what = humanizeKey(entry.action);
  return { parts: [`${what.charAt(0).toUpperCase()}${what.slice(1)}${on}`], facts };
}

/** The sentence as plain text (links become their labels), for titles and tests. */
export function auditDescriptionText(description: AuditDescription): string {
  return description.parts.map((part) => (typeof part === "string" ? part : "ref" in part ? part.ref.label : part.time)).join("");
}
