import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { seedApp, seedEndpoint, seedMessage, seedOrg } from "@/lib/seed/factories";
import { signedInOwner } from "../support/accounts";
import { apiClient, baseUrl, Browser, createApp, createEndpoint, json } from "../support/http";
import { until } from "../support/wait";

// The bad-input suite: every route under app/api (found in the file tree, so a new route
// is covered the day it is added), every method, called the way attackers and careless
// clients call it — wrong or missing credentials, hostile Origin headers, malformed paths
// and ids (another organization's among them), junk queries, and bodies that are not
// JSON, have the wrong shape, the wrong types, huge or unstorable strings. Whatever the
// request, the answer must be below 500 and, when it is an error, JSON with `code` and
// `detail` (what the svix SDK parses). A few answers are exact: cookie writes from another
// origin are 403, requests without credentials 401, another organization's records never 2xx.

const kind = inject("dbKind");
const API_ROOT = path.resolve(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
const WRITES = new Set(["POST", "PUT", "PATCH"]);
const RECEIVER = "http://127.0.0.1:9/hook";
// The suite's own client address (the test server trusts one proxy hop), so its sign-up
// and login attempts use up no other test's limits.
const OWN_ADDRESS = "192.0.2.201";

interface Route {
  template: string;
  /** The methods its handlers serve (the others answer 405). */
  served: string[];
  /** The handlers resolve a caller (withOrg/withUser): no credentials must mean 401, a foreign Origin 403. */
  needsCaller: boolean;
  /** withUser routes take only a session cookie, never an API key. */
  sessionOnly: boolean;
}

/** Every route.ts under app/api, as an address template such as /api/v1/app/[appId]/msg. */
function discoverRoutes(dir = API_ROOT, prefix = "/api"): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) routes.push(...discoverRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
    else if (entry.name === "route.ts") {
      const source = readFileSync(path.join(dir, entry.name), "utf8");
      const served = [...source.matchAll(/^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => m[1]!);
      routes.push({
        template: prefix,
        served,
        needsCaller: /\bwith(Org|User)\b/.test(source),
        sessionOnly: /\bwithUser\b/.test(source) && !/\bwithOrg\b/.test(source),
      });
    }
  }
  return routes;
}

interface Probe {
  method: (typeof METHODS)[number];
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The only statuses allowed for this probe (besides the general rules). */
  expect?: number[];
  /** Addresses another organization's record: must never succeed. */
  foreign?: boolean;
  label: string;
}

const fixture = {} as {
  orgId: string;
  key: string;
  cookie: string;
  appId: string;
  endpointId: string;
  operationalEndpointId: string;
  msgId: string;
  attemptId: string;
  taskId: string;
  eventType: string;
  apiKeyId: string;
  invitationId: string;
  invitationToken: string;
  membershipId: string;
  noticeId: string;
  foreign: { appId: string; endpointId: string; msgId: string; keyId: string; noticeId: string; membershipId: string };
};

beforeAll(async () => {
  const owner = new Browser();
  owner.ip = OWN_ADDRESS;
  fixture.orgId = (await signedInOwner(owner)).orgId;
  fixture.cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  fixture.key = (await insertApiKey(db, fixture.orgId, "bad-input", "admin")).key;
  fixture.apiKeyId = (await insertApiKey(db, fixture.orgId, "to be revoked", "viewer")).row.id;
  const api = apiClient(fixture.key);
  const post = (url: string, body: object) => json<{ id: string }>(api(url, { method: "POST", json: body }));

  fixture.eventType = "bad.input";
  await post("/api/v1/event-type", { name: fixture.eventType, description: "For the bad-input suite", example: { hello: "world" } });
  fixture.appId = (await createApp(api, "Bad input", { uid: "bad-input-app" })).id;
  fixture.endpointId = (await createEndpoint(api, fixture.appId, RECEIVER)).id;
  fixture.operationalEndpointId = (await post("/api/v1/operational-webhook/endpoint", { url: RECEIVER })).id;
  fixture.msgId = (await post(`/api/v1/app/${fixture.appId}/msg`, { eventType: fixture.eventType, payload: { n: 1 } })).id;
  fixture.attemptId = (await until(async () => (await db.attempt.findFirst({ where: { messageId: fixture.msgId } })) ?? undefined, "the first attempt")).id;
  fixture.taskId = (
    await post(`/api/v1/app/${fixture.appId}/endpoint/${fixture.endpointId}/recover`, { since: new Date(Date.now() - 3600_000).toISOString() })
  ).id;
  const invitation = await json<{ id: string; link: string }>(
    api("/api/console/team/invitations", { method: "POST", json: { email: `invitee-${Date.now()}@example.com`, role: "viewer" } }),
  );
  fixture.invitationId = invitation.id;
  fixture.invitationToken = invitation.link.split("/invite/")[1]!;
  fixture.membershipId = (await json<{ members: { id: string }[] }>(api("/api/console/team"))).members[0]!.id;
  fixture.noticeId = (await db.notice.create({ data: { id: newId("notice"), orgId: fixture.orgId, kind: "endpoint.failing", title: "Failing", data: {} } })).id;

  // Another organization, whose records fixture's caller must never reach.
  const other = await seedOrg(db);
  const otherApp = await seedApp(db, other.id);
  const otherUser = await db.user.create({ data: { id: newId("user"), email: `other-${Date.now()}@example.com`, name: "Other" } });
  fixture.foreign = {
    appId: otherApp.id,
    endpointId: (await seedEndpoint(db, otherApp.id)).id,
    msgId: (await seedMessage(db, otherApp.id)).id,
    keyId: (await insertApiKey(db, other.id, "other", "admin")).row.id,
    noticeId: (await db.notice.create({ data: { id: newId("notice"), orgId: other.id, kind: "endpoint.failing", title: "Other", data: {} } })).id,
    membershipId: (await db.membership.create({ data: { id: newId("membership"), orgId: other.id, userId: otherUser.id, role: "owner" } })).id,
  };
}, 120_000);
afterAll(() => db.$disconnect());

/** Good values for a template's parameter (the first is used when another one is under test). */
function goodValues(template: string, name: string): string[] {
  const before = template.split("/").at(template.split("/").indexOf(`[${name}]`) - 1);
  switch (name) {
    case "appId":
      return [fixture.appId, "bad-input-app"];
    case "endpointId":
      return [template.includes("operational-webhook") ? fixture.operationalEndpointId : fixture.endpointId];
    case "msgId":
      return [fixture.msgId];
    case "attemptId":
      return [fixture.attemptId];
    case "taskId":
      return [fixture.taskId];
    case "name":
      return [fixture.eventType];
    case "token":
      return [fixture.invitationToken];
    case "id":
      return [
        { "api-keys": fixture.apiKeyId, invitations: fixture.invitationId, members: fixture.membershipId, notices: fixture.noticeId }[before ?? ""] ?? "nope",
      ];
    case "nextauth":
      return ["session", "csrf", "providers", "signin", "signin/credentials", "signout", "callback/credentials", "error", "_log", "nope"];
    case "path":
      return ["nope", "v1/app/nope/deeper/still"];
    default:
      return ["nope"];
  }
}

/** Another organization's record of the kind a parameter names, when there is one. */
function foreignValue(template: string, name: string): string | undefined {
  const before = template.split("/").at(template.split("/").indexOf(`[${name}]`) - 1);
  if (name === "appId") return fixture.foreign.appId;
  if (name === "endpointId") return fixture.foreign.endpointId;
  if (name === "msgId") return fixture.foreign.msgId;
  if (name === "id") return { "api-keys": fixture.foreign.keyId, notices: fixture.foreign.noticeId, members: fixture.foreign.membershipId }[before ?? ""];
  return undefined;
}

const HOSTILE_SEGMENTS = [
  "%ZZ",
  "%00",
  "%ED%A0%80",
  "%C0%AF",
  "x".repeat(3000),
  "..",
  "%2E%2E%2F%2E%2E",
  "%E2%80%AE",
  "-1",
  "null",
  "app_01H00000000000000000000000",
  "%20",
  "%22%27%3C%3E",
];

/** Each address a template expands to: all good values, then one parameter at a time hostile or foreign. */
function addresses(template: string): { path: string; foreign?: boolean; label: string }[] {
  const params = [...template.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
  const fill = (overrides: Record<string, string>) =>
    template.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => overrides[name] ?? goodValues(template, name)[0]!);
  const list: { path: string; foreign?: boolean; label: string }[] = [{ path: fill({}), label: "good ids" }];
  for (const name of params) {
    for (const value of goodValues(template, name).slice(1)) list.push({ path: fill({ [name]: value }), label: `${name}=${value}` });
    for (const value of HOSTILE_SEGMENTS) list.push({ path: fill({ [name]: value }), label: `${name}=${value.slice(0, 20)}` });
    const foreign = foreignValue(template, name);
    if (foreign) list.push({ path: fill({ [name]: foreign }), foreign: true, label: `${name}=another organization's` });
  }
  return list;
}

// A body with a good value for every field any route reads; routes ignore the rest.
function kitchenSink(): Record<string, unknown> {
  const stamp = Date.now().toString(36);
  return {
    name: "Bad input",
    uid: `sink-${stamp}`,
    description: "d",
    url: RECEIVER,
    eventType: fixture.eventType,
    eventTypes: [fixture.eventType],
    filterTypes: [fixture.eventType],
    payload: { a: 1 },
    eventId: `e-${stamp}`,
    channels: ["c1"],
    tags: ["t1"],
    metadata: { k: "v" },
    headers: { "X-Test": "1" },
    deleteHeaders: ["X-Old"],
    throttleRate: 5,
    disabled: false,
    archived: false,
    deprecated: false,
    key: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    gracePeriodSeconds: 60,
    since: new Date(Date.now() - 3600_000).toISOString(),
    until: new Date().toISOString(),
    role: "viewer",
    email: `sink-${stamp}@example.com`,
    password: "wrong password for sure",
    currentPassword: "not the password at all",
    newPassword: "another long password",
    organizationName: "Sink",
    orgId: fixture.orgId,
    retentionDays: 7,
    retrySchedule: [5, 60],
    disableWindowSeconds: 3600,
    disableMinAttempts: 20,
    disableFailureRate: 0.95,
    schemas: { "1": { type: "object" } },
    example: { a: 1 },
    groupName: "g",
    featureFlags: ["f"],
    exampleIndex: 0,
    inviteToken: "inv_nope",
    csrfToken: "nope",
    json: "true",
  };
}

const HOSTILE_VALUES: unknown[] = [
  12345,
  -1,
  1e308,
  true,
  null,
  [],
  {},
  "",
  "   ",
  "x".repeat(20_000),
  "\udfff",
  "a\u0000b",
  "é漢🙂\u202e",
  "<script>alert(1)</script>",
  ["x"],
  [{ a: 1 }],
  { "\ud800": 1 },
];

/** The same value of another type, to trip each field's type check. */
function flipped(value: unknown): unknown {
  if (typeof value === "string") return 42;
  if (typeof value === "number" || typeof value === "boolean") return "forty-two";
  if (Array.isArray(value)) return "not a list";
  return ["not", "an", "object"];
}

/** The bodies sent to each write: malformed, the wrong shape, every field hostile, each field the wrong type. */
function bodies(): { body: string; contentType?: string; label: string }[] {
  const json = "application/json";
  const sink = kitchenSink();
  const list: { body: string; contentType?: string; label: string }[] = [
    { body: "{nope", contentType: json, label: "invalid JSON" },
    { body: "", contentType: json, label: "empty" },
    { body: "[]", contentType: json, label: "array" },
    { body: "null", contentType: json, label: "null" },
    { body: '"text"', contentType: json, label: "string" },
    { body: "5", contentType: json, label: "number" },
    { body: "{}", contentType: json, label: "missing fields" },
    { body: JSON.stringify({ zzz: 1, __proto__x: { polluted: true } }), contentType: json, label: "unknown fields only" },
    { body: `{"payload":${"[".repeat(3000)}${"]".repeat(3000)},"name":${'{"a":'.repeat(500)}1${"}".repeat(500)}}`, contentType: json, label: "deeply nested" },
    { body: JSON.stringify(sink), contentType: "text/plain", label: "text/plain" },
    { body: "email=a%40example.com&email=b%40example.com&password=x&name=x", contentType: "application/x-www-form-urlencoded", label: "form" },
    { body: JSON.stringify(sink), label: "no content type" },
    { body: JSON.stringify({ ...sink, name: "n".repeat(200_000) }), contentType: json, label: "200 kB" },
    { body: JSON.stringify(sink), contentType: json, label: "good" },
  ];
  for (const value of HOSTILE_VALUES) {
    list.push({
      body: JSON.stringify(Object.fromEntries(Object.keys(sink).map((key) => [key, value]))),
      contentType: json,
      label: `every field ${JSON.stringify(value).slice(0, 20)}`,
    });
  }
  for (const [key, value] of Object.entries(sink)) {
    list.push({ body: JSON.stringify({ ...sink, [key]: flipped(value) }), contentType: json, label: `${key} of the wrong type` });
  }
  return list;
}

const QUERIES = [
  "limit=-1",
  "limit=0",
  "limit=abc",
  "limit=1e9",
  "limit=2.5",
  "iterator=junk!",
  "iterator=-",
  `iterator=${"i".repeat(400)}`,
  "iterator=%ED%A0%80",
  "order=sideways",
  "before=notadate",
  "after=notadate",
  "since=notadate",
  "until=yesterday",
  "status=99",
  "status=abc",
  "status_code_class=7",
  "event_types=!!",
  `channel=${"c".repeat(500)}`,
  "with_content=maybe",
  "include_archived=maybe",
  "seconds=1e9",
  "seconds=-5",
  "endpoint_id=%00x",
  "tag=%F0%9F",
  "q=%27%20OR%201%3D1--",
  "limit=10&limit=20&iterator=a&iterator=b",
];

function probesFor(route: Route): Probe[] {
  const probes: Probe[] = [];
  const keyAuth = { authorization: `Bearer ${fixture.key}`, "x-forwarded-for": OWN_ADDRESS };
  const cookieAuth = { cookie: fixture.cookie, origin: baseUrl(), "x-forwarded-for": OWN_ADDRESS };
  const caller = route.sessionOnly ? cookieAuth : keyAuth;
  const [good, ...others] = addresses(route.template);
  const json = { "content-type": "application/json" };

  const served = METHODS.filter((method) => route.served.includes(method));
  const bodyFor = (method: string) => (WRITES.has(method) ? "{}" : undefined);
  // Credentials: none (every method), junk, the wrong scheme; a session cookie from a foreign or no origin.
  for (const method of METHODS) {
    const expected = route.needsCaller && method !== "OPTIONS" && method !== "HEAD" ? [401, 405] : undefined;
    probes.push({
      method,
      path: good!.path,
      headers: { ...json, "x-forwarded-for": OWN_ADDRESS },
      body: bodyFor(method),
      expect: expected,
      label: "no credentials",
    });
  }
  for (const method of served) {
    for (const [label, authorization] of [
      ["junk key", "Bearer pgn_junk"],
      ["junk portal token", "Bearer pgp_junk"],
      ["basic auth", "Basic dXNlcjpwYXNz"],
      ["empty bearer", "Bearer "],
    ] as const) {
      probes.push({
        method,
        path: good!.path,
        headers: { authorization, ...json, "x-forwarded-for": OWN_ADDRESS },
        body: bodyFor(method),
        expect: route.needsCaller ? [401] : undefined,
        label,
      });
    }
    probes.push({
      method,
      path: good!.path,
      headers: { cookie: "pigeon_portal=pgp_junk", origin: baseUrl(), ...json, "x-forwarded-for": OWN_ADDRESS },
      body: bodyFor(method),
      expect: route.needsCaller ? [401] : undefined,
      label: "junk portal cookie",
    });
    if (method === "GET") continue;
    for (const origin of ["https://evil.example", "null", "::garbage::", undefined]) {
      const headers: Record<string, string> = { cookie: fixture.cookie, ...json, "x-forwarded-for": OWN_ADDRESS };
      if (origin !== undefined) headers.origin = origin;
      probes.push({
        method,
        path: good!.path,
        headers,
        body: bodyFor(method),
        expect: route.needsCaller ? [403] : undefined,
        label: `cookie from origin ${origin ?? "(none)"}`,
      });
    }
  }
  // Addresses: hostile and foreign path parameters, with good credentials.
  for (const method of served) {
    for (const address of others) {
      probes.push({ method, path: address.path, headers: { ...caller, ...json }, body: bodyFor(method), foreign: address.foreign, label: address.label });
    }
  }
  // Queries on reads.
  if (route.served.includes("GET"))
    for (const query of QUERIES) probes.push({ method: "GET", path: `${good!.path}?${query}`, headers: caller, label: `?${query.slice(0, 40)}` });
  // Bodies on writes.
  for (const method of served.filter((m) => WRITES.has(m))) {
    for (const { body, contentType, label } of bodies()) {
      probes.push({ method, path: good!.path, headers: { ...caller, ...(contentType ? { "content-type": contentType } : {}) }, body, label });
    }
  }
  return probes;
}

function isJsonError(contentType: string | null, text: string): boolean {
  if (!/application\/json/.test(contentType ?? "")) return false;
  try {
    const body = JSON.parse(text);
    return typeof body?.code === "string" && body.detail !== undefined;
  } catch {
    return false;
  }
}

async function run(probe: Probe): Promise<{ status: number; problem?: string }> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl()}${probe.path}`, { method: probe.method, headers: probe.headers, body: probe.body, redirect: "manual" });
  } catch (error) {
    return { status: 0, problem: `no answer (${(error as Error).message})` };
  }
  const text = await response.text();
  const { status } = response;
  if (status >= 500) return { status, problem: `answered ${status}: ${text.slice(0, 160)}` };
  if (status >= 400 && probe.method !== "HEAD" && !isJsonError(response.headers.get("content-type"), text)) {
    return { status, problem: `answered ${status} without a JSON {code, detail}: ${response.headers.get("content-type")} ${text.slice(0, 120)}` };
  }
  if (probe.expect && !probe.expect.includes(status))
    return { status, problem: `answered ${status}, expected ${probe.expect.join(" or ")}: ${text.slice(0, 120)}` };
  if (probe.foreign && status < 300) return { status, problem: `answered ${status} for another organization's record` };
  return { status };
}

/** Runs probes a few at a time; deletions last, so they don't take the fixture away from the rest. */
async function runAll(probes: Probe[], parallel = 6) {
  const ordered = [...probes.filter((p) => p.method !== "DELETE"), ...probes.filter((p) => p.method === "DELETE")];
  const byStatus = new Map<number, number>();
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ordered.length) {
      const probe = ordered[next++]!;
      const { status, problem } = await run(probe);
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      if (problem) problems.push(`${probe.method} ${probe.path.slice(0, 120)} [${probe.label}] ${problem}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { byStatus, problems };
}

describe(`bad input on ${kind}`, () => {
  it("finds every route in the file tree", () => {
    const templates = discoverRoutes().map((r) => r.template);
    expect(templates.length).toBeGreaterThanOrEqual(50);
    expect(templates).toEqual(expect.arrayContaining(["/api/v1/app/[appId]/msg", "/api/auth/[...nextauth]", "/api/console/signup", "/api/[...path]"]));
  });

  it("answers every route, method and malformed input below 500, with JSON errors", async () => {
    const routes = discoverRoutes();
    const probes = routes.flatMap(probesFor);
    const started = Date.now();
    const { byStatus, problems } = await runAll(probes);
    const counts = [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}: ${count}`)
      .join(", ");
    console.log(
      `[${kind}] bad-input suite: ${probes.length} requests to ${routes.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s — ${counts}`,
    );
    expect(problems.slice(0, 300), `${problems.length} problems`).toEqual([]);
  }, 600_000);
});
