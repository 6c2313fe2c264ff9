import { Svix } from "svix";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { apiClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

const kind = inject("dbKind");
const baseUrl = inject("baseUrl");
const RECEIVER = "http://127.0.0.1:9/webhook";

let svix: Svix;
let key: string;
let orgId: string;

beforeAll(async () => {
  const org = await seedOrg(db);
  orgId = org.id;
  key = (await insertApiKey(db, org.id, "sdk", "admin")).key;
  svix = new Svix(key, { serverUrl: baseUrl });
});
afterAll(() => db.$disconnect());

describe(`the svix SDK against Pigeon on ${kind}`, () => {
  it("creates, gets, lists, updates and deletes an application; getOrCreate is idempotent", async () => {
    const app = await svix.application.create({ name: "Customer A", uid: "customer-a", metadata: { tier: "gold" } });
    expect(app).toMatchObject({ id: expect.stringMatching(/^app_/), name: "Customer A", uid: "customer-a", metadata: { tier: "gold" } });
    expect(app.createdAt).toBeInstanceOf(Date);
    expect(await svix.application.get("customer-a")).toMatchObject({ id: app.id });
    expect(await svix.application.get(app.id)).toMatchObject({ uid: "customer-a" });

    const again = await svix.application.getOrCreate({ name: "ignored", uid: "customer-a" });
    expect(again.id).toBe(app.id);
    const fresh = await svix.application.getOrCreate({ name: "Customer B", uid: "customer-b" });
    expect(fresh.id).not.toBe(app.id);

    expect(await svix.application.patch(app.id, { name: "Customer A (renamed)" })).toMatchObject({ name: "Customer A (renamed)", uid: "customer-a" });
    expect(await svix.application.upsert("customer-a", { name: "Customer A2", throttleRate: 10 })).toMatchObject({
      id: app.id,
      name: "Customer A2",
      throttleRate: 10,
    });
    const created = await svix.application.upsert("customer-c", { name: "Customer C" });
    expect(created).toMatchObject({ uid: "customer-c" });

    await expect(svix.application.create({ name: "dup", uid: "customer-a" })).rejects.toMatchObject({ code: 409 });
    await svix.application.delete(fresh.id);
    await expect(svix.application.get(fresh.id)).rejects.toMatchObject({ code: 404 });
  });

  it("pages through 120 applications with limit 50", async () => {
    const org = await seedOrg(db);
    const pager = new Svix((await insertApiKey(db, org.id, "pager", "admin")).key, { serverUrl: baseUrl });
    for (let i = 0; i < 120; i++)
      await db.application.create({ data: { id: `app_${String(i).padStart(26, "0")}`, orgId: org.id, name: `App ${i}`, metadata: {} } });
    const seen: string[] = [];
    let iterator: string | null | undefined;
    let pages = 0;
    for (;;) {
      const page = await pager.application.list({ limit: 50, iterator });
      pages += 1;
      seen.push(...page.data.map((a) => a.name));
      if (page.done) break;
      iterator = page.iterator;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]).toBe("App 0");
    expect(seen.at(-1)).toBe("App 119");
  });

  it("manages an endpoint: create, get, list, update, patch, secret get and rotate, headers, delete", async () => {
    const app = await svix.application.create({ name: "Endpoints" });
    const endpoint = await svix.endpoint.create(app.id, {
      url: RECEIVER,
      uid: "main",
      description: "Main receiver",
      eventTypes: ["invoice.paid"],
      channels: ["eu"],
      metadata: { team: "billing" },
      headers: { "x-tenant": "42" },
    });
    expect(endpoint).toMatchObject({
      id: expect.stringMatching(/^ep_/),
      url: RECEIVER,
      uid: "main",
      description: "Main receiver",
      disabled: false,
      eventTypes: ["invoice.paid"],
      channels: ["eu"],
      metadata: { team: "billing" },
    });
    expect(await svix.endpoint.get(app.id, "main")).toMatchObject({ id: endpoint.id });
    expect((await svix.endpoint.list(app.id)).data.map((e) => e.id)).toEqual([endpoint.id]);

    expect(await svix.endpoint.patch(app.id, endpoint.id, { eventTypes: ["invoice.paid", "invoice.failed"], disabled: true })).toMatchObject({
      eventTypes: ["invoice.paid", "invoice.failed"],
      disabled: true,
    });
    expect(await svix.endpoint.upsert(app.id, endpoint.id, { url: `${RECEIVER}2`, description: "Replaced" })).toMatchObject({
      url: `${RECEIVER}2`,
      description: "Replaced",
      eventTypes: null,
      disabled: false,
    });

    const { key: secret } = await svix.endpoint.getSecret(app.id, endpoint.id);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    await svix.endpoint.rotateSecret(app.id, endpoint.id, {});
    const { key: rotated } = await svix.endpoint.getSecret(app.id, endpoint.id);
    expect(rotated).not.toBe(secret);
    await svix.endpoint.rotateSecret(app.id, endpoint.id, { key: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
    expect((await svix.endpoint.getSecret(app.id, endpoint.id)).key).toBe("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    // The rotated-out secrets stay (encrypted) for the grace period.
    expect(await db.endpointSecret.count({ where: { endpointId: endpoint.id, expiresAt: { gt: new Date() } } })).toBe(2);

    expect(await svix.endpoint.getHeaders(app.id, endpoint.id)).toEqual({ headers: { "x-tenant": "42" }, sensitive: [] });
    await svix.endpoint.setHeaders(app.id, endpoint.id, { headers: { "x-a": "1", authorization: "Bearer t" } });
    expect(await svix.endpoint.getHeaders(app.id, endpoint.id)).toEqual({ headers: { "x-a": "1" }, sensitive: ["authorization"] });
    await svix.endpoint.patchHeaders(app.id, endpoint.id, { headers: { "x-b": "2" }, deleteHeaders: ["x-a"] });
    expect((await svix.endpoint.getHeaders(app.id, endpoint.id)).headers).toEqual({ "x-b": "2" });

    await svix.endpoint.delete(app.id, endpoint.id);
    await expect(svix.endpoint.get(app.id, endpoint.id)).rejects.toMatchObject({ code: 404 });
  });

  it("creates, lists, updates and archives event types", async () => {
    await svix.eventType.create({ name: "invoice.paid", description: "An invoice was paid", schemas: { "1": { type: "object", examples: [{ id: "in_1" }] } } });
    await svix.eventType.create({ name: "invoice.failed", description: "A payment failed", groupName: "invoice" });
    await expect(svix.eventType.create({ name: "invoice.paid", description: "again" })).rejects.toMatchObject({ code: 409 });
    const list = await svix.eventType.list();
    expect(list.data.map((e) => e.name)).toEqual(["invoice.failed", "invoice.paid"]);
    expect(await svix.eventType.get("invoice.paid")).toMatchObject({ description: "An invoice was paid", deprecated: false, archived: false });
    expect(await svix.eventType.patch("invoice.failed", { deprecated: true })).toMatchObject({ deprecated: true, groupName: "invoice" });
    await svix.eventType.upsert("customer.created", { description: "New customer" });
    await svix.eventType.delete("invoice.failed");
    expect((await svix.eventType.list()).data.map((e) => e.name)).toEqual(["customer.created", "invoice.paid"]);
    expect((await svix.eventType.list({ includeArchived: true })).data).toHaveLength(3);
  });
});

describe(`idempotency on ${kind}`, () => {
  it("replays the first answer for a repeated Idempotency-Key and refuses its reuse for another request", async () => {
    const api = apiClient(key);
    const send = (name: string, idempotencyKey: string) =>
      api("/api/v1/app", { method: "POST", json: { name }, headers: { "idempotency-key": idempotencyKey } });
    const first = await send("Once", "key-1");
    const again = await send("Once", "key-1");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).id).toBe((await first.json()).id);
    expect(await db.application.count({ where: { orgId, name: "Once" } })).toBe(1);
    expect((await send("Other", "key-1")).status).toBe(409);
    // A refused request does not use up its key.
    expect((await api("/api/v1/app", { method: "POST", json: {}, headers: { "idempotency-key": "key-2" } })).status).toBe(422);
    expect((await send("Fixed", "key-2")).status).toBe(201);
  });
});

describe(`what the API refuses on ${kind}`, () => {
  it("answers invalid input with 422 naming the field", async () => {
    const api = apiClient(key);
    const app = await svix.application.create({ name: "Validation" });
    const bad = await api(`/api/v1/app/${app.id}/endpoint`, {
      method: "POST",
      json: { url: RECEIVER, eventTypes: ["bad name!"], headers: { "webhook-signature": "x" } },
    });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.message).toMatch(/eventTypes\.0: may only contain/);
    expect(body.message).toMatch(/headers\.webhook-signature: "webhook-signature" is set by Pigeon/);
    expect(body.detail[0].loc[0]).toBe("body");
    expect((await api("/api/v1/app", { method: "POST", json: {} })).status).toBe(422);
    const badSecret = await api(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: { url: RECEIVER, secret: "whsec_short" } });
    expect(badSecret.status).toBe(422);
    expect((await badSecret.json()).detail).toEqual([{ loc: ["body", "secret"], msg: expect.stringMatching(/^the part after "whsec_"/), type: "value_error" }]);
    expect((await api("/api/v1/app?limit=0")).status).toBe(422);
  });

  it("keeps another organization's resources invisible and viewers read-only", async () => {
    const app = await svix.application.create({ name: "Mine" });
    const endpoint = await svix.endpoint.create(app.id, { url: RECEIVER });
    const other = apiClient((await insertApiKey(db, (await seedOrg(db)).id, "other", "admin")).key);
    const message = await svix.message.create(app.id, { eventType: "tenancy.check", payload: {} });
    expect((await other(`/api/v1/app/${app.id}/msg`, { method: "POST", json: { eventType: "a.b", payload: {} } })).status).toBe(404);
    for (const path of [
      `/api/v1/app/${app.id}/msg`,
      `/api/v1/app/${app.id}/msg/${message.id}`,
      `/api/v1/app/${app.id}`,
      `/api/v1/app/${app.id}/endpoint`,
      `/api/v1/app/${app.id}/endpoint/${endpoint.id}`,
      `/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret`,
      `/api/v1/app/${app.id}/endpoint/${endpoint.id}/headers`,
      "/api/v1/event-type/invoice.paid",
    ]) {
      expect((await other(path)).status, path).toBe(404);
    }
    expect((await other(`/api/v1/app/${app.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await other(`/api/v1/app/${app.id}/endpoint/${endpoint.id}`, { method: "PATCH", json: { disabled: true } })).status).toBe(404);

    const viewer = apiClient((await insertApiKey(db, orgId, "viewer", "viewer")).key);
    expect((await viewer(`/api/v1/app/${app.id}`)).status).toBe(200);
    expect((await viewer(`/api/v1/app/${app.id}/msg/${message.id}`)).status).toBe(200);
    expect((await viewer(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret`)).status).toBe(403);
    const writes: [string, string, unknown][] = [
      ["/api/v1/app", "POST", { name: "x" }],
      [`/api/v1/app/${app.id}`, "PATCH", { name: "x" }],
      [`/api/v1/app/${app.id}`, "PUT", { name: "x" }],
      [`/api/v1/app/${app.id}`, "DELETE", undefined],
      [`/api/v1/app/${app.id}/endpoint`, "POST", { url: RECEIVER }],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}`, "PATCH", { disabled: true }],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}`, "DELETE", undefined],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret/rotate`, "POST", {}],
      [`/api/v1/app/${app.id}/endpoint/${endpoint.id}/headers`, "PUT", { headers: {} }],
      ["/api/v1/event-type", "POST", { name: "a.b", description: "" }],
      ["/api/v1/event-type/a.b", "DELETE", undefined],
      [`/api/v1/app/${app.id}/msg`, "POST", { eventType: "a.b", payload: {} }],
    ];
    for (const [path, method, json] of writes) expect((await viewer(path, { method, json })).status, `${method} ${path}`).toBe(403);

    // Revoked by another process (here, in the database itself): a process keeps a key's answer for at most a second.
    await db.apiKey.updateMany({ where: { orgId, name: "viewer" }, data: { revokedAt: new Date() } });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await viewer(`/api/v1/app/${app.id}`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/api/v1/app`)).status).toBe(401);
  });

  it("stores secrets encrypted: the raw row never contains the secret", async () => {
    const app = await svix.application.create({ name: "Secrets" });
    const endpoint = await svix.endpoint.create(app.id, { url: RECEIVER, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "EndpointSecret" WHERE "endpointId" = '${endpoint.id}'`);
    const dump = JSON.stringify(rows);
    expect(rows).toHaveLength(1);
    expect(dump).not.toContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(dump).not.toContain(Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64").toString("hex"));
    expect(String(rows[0]!.ciphertext)).toMatch(/^v2\./);
  });
});

describe("endpoint URLs that are not publicly reachable", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: inject("databaseUrl"), PIGEON_DATA_DIR: inject("dataDir"), PIGEON_ALLOWED_NETWORKS: "" });
  });
  afterAll(() => server.stop());

  it("are refused with 422 when the allow-list is empty", async () => {
    const sdk = new Svix(key, { serverUrl: server.url });
    const app = await sdk.application.create({ name: "SSRF" });
    const refused = async (url: string) => {
      const response = await fetch(`${server.url}/api/v1/app/${app.id}/endpoint`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ url }),
      });
      const body = await response.json();
      return { status: response.status, message: body.message as string, detail: body.detail as unknown[] };
    };
    for (const url of [
      "http://169.254.169.254/latest/meta-data",
      "http://localhost:8080/",
      "http://10.0.0.1/",
      "http://[::1]/",
      "http://127.0.0.1:9/",
      "http://100.64.0.1/",
      "http://[fd00::1]/",
      "ftp://example.com/",
    ]) {
      const { status, message, detail } = await refused(url);
      expect(status, url).toBe(422);
      expect(message, url).toMatch(/^url: /);
      expect(detail, url).toEqual([{ loc: ["body", "url"], msg: message.slice("url: ".length), type: "value_error" }]);
    }
    expect((await refused("http://10.0.0.1/")).message).toMatch(/10\.0\.0\.1 is a private address/);
    // What a name resolves to stays unsaid: the refusal must not map the internal network.
    expect((await refused("http://localhost:8080/")).message).toBe(
      'url: "http://localhost:8080/" is not allowed: endpoints must be reachable on the public internet',
    );
    expect(await db.endpoint.count({ where: { appId: app.id } })).toBe(0);
  });
});
