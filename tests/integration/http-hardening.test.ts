import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { sweepExpired } from "@/lib/retention/sweep-expired";
import { seedApp, seedOrg } from "@/lib/seed/factories";
import { PASSWORD, signedInOwner, uniqueEmail } from "../support/accounts";
import { type ApiClient, apiClient, baseUrl } from "../support/http";
import { startOwnInstall } from "../support/own-install";

// The HTTP layer's defences, each once on a real server: client addresses, body limits,
// Idempotency-Key records, cookie-authenticated writes, security headers, and the JSON
// answers clients get for paths, methods and inputs they got wrong.

const kind = inject("dbKind");

let orgId: string;
let api: ApiClient;
let appId: string;

beforeAll(async () => {
  const org = await seedOrg(db);
  orgId = org.id;
  api = apiClient((await insertApiKey(db, org.id, "hardening", "admin")).key);
  appId = (await seedApp(db, org.id)).id;
});
afterAll(() => db.$disconnect());

/** Sends a request whose Content-Length promises `declared` bytes but sends only a few: answered without waiting for the rest. */
function declareHugeBody(path: string, declared: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl());
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "content-length": String(declared), ...headers } }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.write("{");
  });
}

describe(`client addresses on ${kind}`, () => {
  it("ignores X-Forwarded-For without a trusted proxy: rotating it does not escape the sign-up limit", async () => {
    const install = await startOwnInstall(kind, { PIGEON_SIGNUP_LIMIT_PER_HOUR: "2", PIGEON_DATA_DIR: inject("dataDir") });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${install.server.url}/api/console/signup`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${i + 1}` },
          body: JSON.stringify({ name: "N", email: uniqueEmail(`rotate${i}`), password: PASSWORD }),
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([201, 201, 429, 429]);
      // The audit log names the connection's address, not what the client claimed.
      const ips = (await install.db.auditEvent.findMany({ where: { action: "signup" } })).map((e) => e.ip);
      expect(ips).toEqual(["127.0.0.1", "127.0.0.1"]);
    } finally {
      await install.stop();
    }
  });

  it("behind one trusted proxy, takes the address that proxy appended, not what the client wrote before it", async () => {
    // The shared test server trusts one proxy hop (the tests play that proxy).
    const claims = ["198.18.0.1", "198.18.0.2", "not-an-address"];
    const owner = await signedInOwner();
    for (const claim of claims) {
      const response = await owner.browser.fetch("/api/console/orgs", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `${claim}, 192.0.2.77` },
        body: JSON.stringify({ name: `Org via ${claim}` }),
      });
      expect(response.status).toBe(201);
    }
    const events = await db.auditEvent.findMany({ where: { actorUserId: owner.userId, action: "organization.created" } });
    expect(events.map((e) => e.ip)).toEqual(["192.0.2.77", "192.0.2.77", "192.0.2.77"]);
  });
});

describe(`request bodies on ${kind}`, () => {
  it("refuses a body larger than the route's limit from Content-Length, before reading it, on every kind of route", async () => {
    const key = (await insertApiKey(db, orgId, "raw", "admin")).key;
    for (const [path, headers] of [
      ["/api/console/signup", {}],
      ["/api/auth/callback/credentials", {}],
      ["/api/v1/app", { authorization: `Bearer ${key}` }],
      [`/api/v1/app/${appId}/msg`, { authorization: `Bearer ${key}`, "idempotency-key": "huge" }],
    ] as const) {
      const answer = await declareHugeBody(path, 300 * 1024 * 1024, headers);
      expect(answer.status, path).toBe(413);
      expect(JSON.parse(answer.body), path).toMatchObject({ code: "payload_too_large", detail: expect.stringContaining("larger than") });
    }
  });

  it("refuses a streamed body as soon as it passes the limit (64 KiB for resources, the payload limit for messages)", async () => {
    const big = (bytes: number) => JSON.stringify({ name: "x".repeat(bytes) });
    const resource = await api("/api/v1/app", { method: "POST", body: big(70 * 1024) });
    expect(resource.status).toBe(413);
    expect((await resource.json()).detail).toMatch(/65,536 bytes \(64 KiB\)/);
    // A message may be as large as the organization's payload limit (1 MiB by default).
    const payload = { blob: "y".repeat(200 * 1024) };
    const message = await api(`/api/v1/app/${appId}/msg`, { method: "POST", json: { eventType: "big.one", payload } });
    expect(message.status).toBe(202);
    const tooBig = await api(`/api/v1/app/${appId}/msg`, { method: "POST", json: { eventType: "big.one", payload: { blob: "y".repeat(1100 * 1024) } } });
    expect(tooBig.status).toBe(413);
  });

  it("applies the limit before an Idempotency-Key hashes the body, and stores nothing for the refused request", async () => {
    const key = `too-big-${Date.now()}`;
    const response = await api(`/api/v1/app/${appId}/msg`, {
      method: "POST",
      headers: { "idempotency-key": key },
      json: { eventType: "big.one", payload: { blob: "z".repeat(2 * 1024 * 1024) } },
    });
    expect(response.status).toBe(413);
    expect(await db.idempotencyRecord.count({ where: { key } })).toBe(0);
  });

  it("answers bodies that are not JSON, not storable or too deep with 4xx naming the field", async () => {
    const cases: [string, RequestInit, number, RegExp][] = [
      ["/api/v1/app", { method: "POST", body: '{"name":"\\udfff"}' }, 422, /name: contains a lone UTF-16 surrogate/],
      ["/api/v1/app", { method: "POST", body: '{"name":"a\\u0000b"}' }, 422, /name: contains a NUL character/],
      ["/api/v1/app", { method: "POST", body: '{"name":"ok","metadata":{"\\ud800":"x"}}' }, 422, /metadata: has a key with a lone UTF-16 surrogate/],
      [
        `/api/v1/app/${appId}/msg`,
        { method: "POST", body: `{"eventType":"deep","payload":${"[".repeat(5000)}${"]".repeat(5000)}}` },
        422,
        /payload\.0\.0\.…: is nested more than 128 levels deep/,
      ],
      ["/api/v1/app", { method: "POST", body: '{"name":"x"}', headers: { "content-type": "text/plain" } }, 415, /Content-Type: application\/json/],
      ["/api/v1/app", { method: "POST", body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } }, 415, /Content-Type/],
      ["/api/v1/app", { method: "POST", body: "{nope" }, 400, /not valid JSON/],
    ];
    for (const [path, init, status, detail] of cases) {
      const response = await api(path, init);
      const text = await response.text();
      expect(response.status, `${path} ${String(init.body).slice(0, 40)}`).toBe(status);
      expect(text).toMatch(detail);
    }
    // The 422's detail is the list Svix's SDKs read, with where and why.
    const surrogate = await (await api("/api/v1/app", { method: "POST", body: '{"name":"\\udfff"}' })).json();
    expect(surrogate.detail).toEqual([{ loc: ["body", "name"], msg: expect.stringMatching(/lone UTF-16 surrogate/), type: "value_error" }]);
  });
});

describe(`Idempotency-Key records on ${kind}`, () => {
  it("never keeps an answer holding a secret: a repeat gets 409, the record holds no key", async () => {
    const headers = { "idempotency-key": `new-key-${Date.now()}` };
    const first = await api("/api/console/api-keys", { method: "POST", headers, json: { name: "Once", role: "viewer" } });
    expect(first.status).toBe(201);
    const { key } = await first.json();
    const again = await api("/api/console/api-keys", { method: "POST", headers, json: { name: "Once", role: "viewer" } });
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toMatch(/shown only once/);
    const record = await db.idempotencyRecord.findFirstOrThrow({ where: { orgId, key: headers["idempotency-key"] } });
    expect(record.body).toBe("");
    expect(JSON.stringify(await db.idempotencyRecord.findMany({ where: { orgId } }))).not.toContain(key);

    const owner = await signedInOwner();
    const inviteHeaders = { "content-type": "application/json", "idempotency-key": "invite-1" };
    const invite = await owner.browser.fetch("/api/console/team/invitations", {
      method: "POST",
      headers: inviteHeaders,
      body: JSON.stringify({ email: uniqueEmail("mate"), role: "viewer" }),
    });
    expect(invite.status).toBe(201);
    const { link } = await invite.json();
    const repeat = await owner.browser.fetch("/api/console/team/invitations", {
      method: "POST",
      headers: inviteHeaders,
      body: JSON.stringify({ email: "x@example.com", role: "viewer" }),
    });
    expect(repeat.status).toBe(409);
    expect(JSON.stringify(await db.idempotencyRecord.findMany({ where: { orgId: owner.orgId } }))).not.toContain(link.split("/invite/")[1]);
  });

  it("replays only to the caller that made the request: another key of the organization gets 409", async () => {
    const other = apiClient((await insertApiKey(db, orgId, "other", "admin")).key);
    const headers = { "idempotency-key": `shared-${Date.now()}` };
    const first = await api("/api/v1/app", { method: "POST", headers, json: { name: "Mine" } });
    expect(first.status).toBe(201);
    const replay = await api("/api/v1/app", { method: "POST", headers, json: { name: "Mine" } });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(await first.json());
    const stolen = await other("/api/v1/app", { method: "POST", headers, json: { name: "Mine" } });
    expect(stolen.status).toBe(409);
  });

  it("deletes records once their 12 hours are over, with the retention sweep", async () => {
    const headers = { "idempotency-key": `expiring-${Date.now()}` };
    expect(
      (await api(`/api/v1/app/${appId}/msg`, { method: "POST", headers, json: { eventType: "kept.briefly", payload: { secret: "payload copy" } } })).status,
    ).toBe(202);
    const record = await db.idempotencyRecord.findFirstOrThrow({ where: { orgId, key: headers["idempotency-key"] } });
    expect(record.body).toContain("payload copy");
    expect(Math.abs(record.expiresAt.getTime() - record.createdAt.getTime() - 12 * 3600 * 1000)).toBeLessThan(5000);
    await db.idempotencyRecord.update({ where: { id: record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const swept = await sweepExpired({ pauseMs: 0 });
    expect(swept.idempotencyRecords).toBeGreaterThanOrEqual(1);
    expect(await db.idempotencyRecord.findUnique({ where: { id: record.id } })).toBeNull();
  });

  it("refuses an overlong Idempotency-Key with a 422 whose detail names the header", async () => {
    const response = await api("/api/v1/app", { method: "POST", headers: { "idempotency-key": "k".repeat(300) }, json: { name: "x" } });
    expect(response.status).toBe(422);
    expect((await response.json()).detail).toEqual([{ loc: ["header", "idempotency-key"], msg: "must be at most 255 characters", type: "value_error" }]);
  });
});

describe(`cookie-authenticated writes on ${kind}`, () => {
  it("are accepted only from Pigeon's own origin; anything else is 403, never 500", async () => {
    const { browser } = await signedInOwner();
    const create = (headers: Record<string, string>) =>
      browser.fetch("/api/v1/app", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ name: "From a page" }),
      });
    for (const origin of ["https://evil.example", "null", "::not a url::", "http://127.0.0.1.evil.example"]) {
      const response = await create({ origin });
      expect(response.status, origin).toBe(403);
      expect((await response.json()).code).toBe("forbidden");
    }
    // No Origin at all (the test client adds one unless told otherwise).
    const bare = await fetch(`${baseUrl()}/api/v1/app`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      body: JSON.stringify({ name: "No origin" }),
    });
    expect(bare.status).toBe(403);
    const sameOrigin = await fetch(`${baseUrl()}/api/v1/app`, {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      body: JSON.stringify({ name: "Same origin" }),
    });
    expect(sameOrigin.status).toBe(201);
    expect((await create({ origin: baseUrl() })).status).toBe(201);
    // A form post (text/plain, no preflight) from our own origin is still not JSON.
    expect(
      (await browser.fetch("/api/v1/app", { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ name: "x" }) })).status,
    ).toBe(415);
  });
});

describe(`answers for wrong addresses and methods on ${kind}`, () => {
  it("answers malformed paths, unknown routes and unsupported methods with JSON errors", async () => {
    for (const [path, method, status] of [
      ["/api/v1/app/%ZZ", "GET", 400],
      ["/api/v1/app/%ZZ/endpoint", "POST", 400],
      ["/api/v1/app/%00", "GET", 400],
      ["/api/v1/app/%ED%A0%80", "GET", 400],
      ["/api/v1/nope", "GET", 404],
      [`/api/v1/app/${appId}/nope/deeper`, "POST", 404],
      ["/api/v1/app", "DELETE", 405],
      [`/api/v1/app/${appId}/msg`, "PUT", 405],
    ] as const) {
      const response = await api(path, { method });
      expect(response.status, `${method} ${path}`).toBe(status);
      expect(response.headers.get("content-type"), `${method} ${path}`).toMatch(/application\/json/);
      const body = await response.json();
      expect(body, `${method} ${path}`).toMatchObject({ code: expect.any(String), detail: expect.any(String) });
      if (status === 405) expect(response.headers.get("allow")).toMatch(/GET/);
    }
    // A console page with a malformed path is a 400 too, not a 500.
    expect((await fetch(`${baseUrl()}/apps/%ZZ`)).status).toBe(400);
  });

  it("checks a uid or name taken from the address like the body's own (PUT creating a record)", async () => {
    for (const [path, json, loc] of [
      ["/api/v1/app/bad%20uid", { name: "x" }, ["path", "uid"]],
      [`/api/v1/app/${appId}/endpoint/bad%20uid`, { url: "http://127.0.0.1:9/x" }, ["path", "uid"]],
      ["/api/v1/event-type/bad%20name", { description: "x" }, ["path", "name"]],
    ] as const) {
      const response = await api(path, { method: "PUT", json });
      expect(response.status, path).toBe(422);
      expect((await response.json()).detail[0].loc, path).toEqual(loc);
    }
  });

  it("refuses junk iterators and limits on every list with 422", async () => {
    for (const path of ["/api/v1/app", `/api/v1/app/${appId}/endpoint`, `/api/v1/app/${appId}/msg`, "/api/v1/event-type", "/api/v1/background-task"]) {
      for (const query of ["iterator=junk!", "iterator=-", "iterator=msg_01HZY3K5N7Q8R9S0T1V2W3X4Y5%20", "limit=-1", "limit=abc", "limit=100000"]) {
        const response = await api(`${path}?${query}`);
        expect(response.status, `${path}?${query}`).toBe(422);
        expect((await response.json()).detail[0].loc[0]).toBe("query");
      }
    }
    for (const query of ["limit=-1", "limit=abc", "before=notadate", "before=aud_%20"]) {
      expect((await api(`/api/console/audit?${query}`)).status, query).toBe(422);
    }
    expect((await api("/api/console/audit?limit=5")).status).toBe(200);
  });
});

describe(`security headers on ${kind}`, () => {
  it("sends nosniff, a CSP that forbids framing, a referrer policy, and HSTS only over https", async () => {
    for (const path of ["/", "/login", "/api/health", "/api/v1/nope"]) {
      const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual" });
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(response.headers.get("strict-transport-security"), path).toBeNull();
    }
    const https = await fetch(`${baseUrl()}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });
});
