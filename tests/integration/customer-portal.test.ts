import { ApiException, type AppPortalAccessIn, Svix } from "svix";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { hashToken } from "@/lib/crypto/random-token";
import { db } from "@/lib/db";
import { seedApp, seedEndpoint, seedMessage, seedOrg } from "@/lib/seed/factories";
import { signedInOwner } from "../support/accounts";
import { type ApiClient, apiClient, Browser, json } from "../support/http";
import { startReceiver, type Receiver } from "../support/receiver";

// The customer portal's server side: Svix's access API through the svix SDK, what a portal
// token may reach (its application only, each capability enforced), the portal's cookie,
// the console's links and sessions, and who may frame the portal's pages.

const kind = inject("dbKind");
const baseUrl = inject("baseUrl");

let orgId: string;
let svix: Svix;
let api: ApiClient;
let receiver: Receiver;

beforeAll(async () => {
  orgId = (await seedOrg(db)).id;
  const { key } = await insertApiKey(db, orgId, "portal issuer", "developer");
  svix = new Svix(key, { serverUrl: baseUrl });
  api = apiClient(key);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

const ALL = ["ViewBase", "ViewEndpointSecret", "ManageEndpointSecret", "ManageTransformations", "CreateAttempts", "ManageEndpoint"];

/** The status of a failed svix SDK call (its ApiException), or "ok". */
async function statusOf(call: Promise<unknown>): Promise<number | "ok"> {
  try {
    await call;
    return "ok";
  } catch (error) {
    if (error instanceof ApiException) return error.code;
    throw error;
  }
}

/** A portal token for the application, and an svix client that uses it as its key. */
async function portal(appId: string, options: Omit<AppPortalAccessIn, "capabilities"> & { capabilities?: string[] } = {}) {
  const { url, token } = await svix.authentication.appPortalAccess(appId, options as AppPortalAccessIn);
  return { url, token, client: new Svix(token, { serverUrl: baseUrl }), call: apiClient(token) };
}

describe(`the customer portal's access API on ${kind}`, () => {
  it("issues a magic link for an existing application: a fragment token, stored only as its hash, audited", async () => {
    const app = await seedApp(db, orgId, { name: "Acme" });
    const { url, token } = await svix.authentication.appPortalAccess(app.id, {});
    expect(token).toMatch(/^pgp_[\w-]{40,}$/);
    expect(url).toBe(`${new URL(url).origin}/portal/${app.id}#token=${token}`);
    const row = await db.portalSession.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row).toMatchObject({ orgId, appId: app.id, readOnly: false, revokedAt: null, capabilities: ALL });
    expect(JSON.stringify(row)).not.toContain(token);
    // Seven days unless asked otherwise.
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - 7 * 24 * 3600_000)).toBeLessThan(60_000);
    const audit = await db.auditEvent.findFirst({ where: { orgId, action: "portal_session.issued", targetId: row.id } });
    expect(audit?.actorKeyId).toBeTruthy();
    // The same link's token opens the session as the portal sees it.
    const session = await json(new Browser().json("/api/portal/session", "POST", { token }));
    expect(session).toMatchObject({ id: row.id, appId: app.id, appName: "Acme", capabilities: ALL, readOnly: false });
  });

  it("creates the application inline when it does not exist yet, once", async () => {
    const uid = `customer-${Date.now()}`;
    const first = await portal(uid, { application: { name: "Customer 42", uid } });
    const app = await db.application.findFirstOrThrow({ where: { orgId, uid } });
    expect(app.name).toBe("Customer 42");
    expect(first.url).toContain(`/portal/${app.id}#token=`);
    // Again: the application exists, the argument is ignored.
    await portal(uid, { application: { name: "Another name", uid } });
    expect(await db.application.count({ where: { orgId, uid } })).toBe(1);
    // Without a uid of its own the path's is taken.
    const pathUid = `path-uid-${Date.now()}`;
    await portal(pathUid, { application: { name: "From the path" } });
    expect((await db.application.findFirstOrThrow({ where: { orgId, uid: pathUid } })).name).toBe("From the path");
    // Without `application`, an unknown application is a 404.
    expect(await statusOf(svix.authentication.appPortalAccess("no-such-app", {}))).toBe(404);
  });

  it("gives the capabilities asked for (ViewBase always), all when none are, and only reads when read-only", async () => {
    const app = await seedApp(db, orgId);
    const caps = async (options: object) => {
      const { token } = await svix.authentication.appPortalAccess(app.id, options);
      return (await db.portalSession.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).capabilities;
    };
    expect(await caps({ capabilities: ["CreateAttempts"] })).toEqual(["ViewBase", "CreateAttempts"]);
    expect(await caps({ capabilities: ["ViewBase", "ManageEndpoint", "ViewEndpointSecret"] })).toEqual(["ViewBase", "ViewEndpointSecret", "ManageEndpoint"]);
    expect(await caps({ capabilities: [] })).toEqual(ALL);
    expect(await caps({ readOnly: true })).toEqual(["ViewBase"]);
    expect(await caps({ readOnly: true, capabilities: ["ViewEndpointSecret", "ManageEndpoint"] })).toEqual(["ViewBase", "ViewEndpointSecret"]);
    expect(await statusOf(svix.authentication.appPortalAccess(app.id, { capabilities: ["Everything" as never] }))).toBe(422);
  });

  it("takes an expiry between 1 hour and 7 days, and refuses anything else with a readable 422", async () => {
    const app = await seedApp(db, orgId);
    const { token } = await svix.authentication.appPortalAccess(app.id, { expiry: 3600, sessionId: "s-1", featureFlags: ["beta"] });
    const row = await db.portalSession.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - 3600_000)).toBeLessThan(60_000);
    expect(row).toMatchObject({ sessionId: "s-1", featureFlags: ["beta"] });
    expect(await statusOf(svix.authentication.appPortalAccess(app.id, { expiry: 604_800 }))).toBe("ok");
    for (const expiry of [3599, 604_801, 0, -5]) expect(await statusOf(svix.authentication.appPortalAccess(app.id, { expiry }))).toBe(422);
    const answer = await api(`/api/v1/auth/app-portal-access/${app.id}`, { method: "POST", json: { expiry: 60 } });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({ code: "validation", detail: [{ loc: ["body", "expiry"] }] });
  });

  it("expireAll ends the application's sessions, or only those of the given session ids, at once or after `expiry`", async () => {
    const app = await seedApp(db, orgId);
    const [a, b, c] = [await portal(app.id, { sessionId: "a" }), await portal(app.id, { sessionId: "b" }), await portal(app.id)];
    const other = await portal((await seedApp(db, orgId)).id, { sessionId: "a" });
    await svix.authentication.expireAll(app.id, { sessionIds: ["a"] });
    expect(await statusOf(a.client.application.get(app.id))).toBe(401);
    expect(await statusOf(b.client.application.get(app.id))).toBe("ok");
    // Another application's session with the same id is not touched.
    expect(await statusOf(other.client.endpoint.list((await db.portalSession.findFirstOrThrow({ where: { tokenHash: hashToken(other.token) } })).appId))).toBe(
      "ok",
    );

    await svix.authentication.expireAll(app.id, { expiry: 3600 });
    const later = await db.portalSession.findUniqueOrThrow({ where: { tokenHash: hashToken(c.token) } });
    expect(Math.abs(later.expiresAt.getTime() - Date.now() - 3600_000)).toBeLessThan(60_000);
    expect(await statusOf(c.client.application.get(app.id))).toBe("ok");

    await svix.authentication.expireAll(app.id);
    expect(await statusOf(b.client.application.get(app.id))).toBe(401);
    expect(await statusOf(c.client.application.get(app.id))).toBe(401);
    expect(await db.auditEvent.count({ where: { orgId, action: "portal_session.revoked", targetId: app.id } })).toBe(3);
  });

  it("logout ends the portal token's own session; an API key cannot be logged out", async () => {
    const app = await seedApp(db, orgId);
    const { client, token } = await portal(app.id);
    await client.authentication.logout();
    expect(await statusOf(client.application.get(app.id))).toBe(401);
    expect(await statusOf(client.authentication.logout())).toBe(401);
    const row = await db.portalSession.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row.revokedAt).not.toBeNull();
    expect(await db.auditEvent.findFirst({ where: { action: "portal_session.revoked", targetId: row.id } })).toMatchObject({ actorPortalSessionId: row.id });
    expect(await statusOf(svix.authentication.logout())).toBe(403);
  });
});

describe(`what a portal token may reach on ${kind}`, () => {
  it("its own application only: another application or organization is a 404, the rest of the API and the console a 403", async () => {
    const app = await seedApp(db, orgId);
    const sibling = await seedApp(db, orgId, { uid: `sibling-${Date.now()}` });
    const siblingEndpoint = await seedEndpoint(db, sibling.id);
    const foreignOrg = await seedOrg(db);
    const foreign = await seedApp(db, foreignOrg.id);
    const { client, call } = await portal(app.id);

    expect((await client.application.get(app.id)).id).toBe(app.id);
    expect(await statusOf(client.endpoint.list(app.id))).toBe("ok");
    expect(await statusOf(client.eventType.list())).toBe("ok");
    expect(await statusOf(client.application.get(sibling.id))).toBe(404);
    expect(await statusOf(client.application.get(sibling.uid!))).toBe(404);
    expect(await statusOf(client.endpoint.list(sibling.id))).toBe(404);
    expect(await statusOf(client.endpoint.get(app.id, siblingEndpoint.id))).toBe(404);
    expect(await statusOf(client.endpoint.get(sibling.id, siblingEndpoint.id))).toBe(404);
    expect(await statusOf(client.message.list(foreign.id))).toBe(404);
    expect(await statusOf(client.application.get(foreign.id))).toBe(404);

    // Routes that did not opt in to the portal: 403, whatever the application.
    expect(await statusOf(client.application.list())).toBe(403);
    expect(await statusOf(client.application.create({ name: "no" }))).toBe(403);
    expect(await statusOf(client.application.patch(app.id, { name: "renamed" }))).toBe(403);
    expect(await statusOf(client.application.delete(app.id))).toBe(403);
    expect(await statusOf(client.message.create(app.id, { eventType: "a.b", payload: {} }))).toBe(403);
    expect(await statusOf(client.eventType.create({ name: "portal.made", description: "no" }))).toBe(403);
    expect(await statusOf(client.authentication.appPortalAccess(app.id, {}))).toBe(403);
    expect(await statusOf(client.authentication.expireAll(app.id))).toBe(403);
    expect(await statusOf(client.backgroundTask.list())).toBe(403);
    for (const path of [
      "/api/console/settings",
      "/api/console/api-keys",
      "/api/console/team",
      "/api/console/audit",
      `/api/console/apps/${app.id}/portal-sessions`,
    ]) {
      expect((await call(path)).status, path).toBe(403);
    }
    expect((await call(`/api/console/apps/${app.id}/portal-link`, { method: "POST" })).status).toBe(403);
    expect((await call("/api/v1/operational-webhook/endpoint")).status).toBe(403);
  });

  it("ViewBase: reads its endpoints (not their secrets), messages, attempts, stats, the catalogue and the health series", async () => {
    const app = await seedApp(db, orgId);
    const endpoint = await seedEndpoint(db, app.id);
    const message = await seedMessage(db, app.id);
    const { client, call } = await portal(app.id, { capabilities: ["ViewBase"] });
    expect((await client.endpoint.get(app.id, endpoint.id)).id).toBe(endpoint.id);
    expect((await client.message.get(app.id, message.id)).id).toBe(message.id);
    expect(await statusOf(client.messageAttempt.listByMsg(app.id, message.id))).toBe("ok");
    expect(await statusOf(client.messageAttempt.listByEndpoint(app.id, endpoint.id))).toBe("ok");
    expect(await statusOf(client.endpoint.getStats(app.id, endpoint.id))).toBe("ok");
    expect(await statusOf(client.endpoint.getHeaders(app.id, endpoint.id))).toBe("ok");
    expect((await call(`/api/console/apps/${app.id}/endpoints/${endpoint.id}/series`)).status).toBe(200);
    expect((await call(`/api/console/apps/${app.id}/endpoints/${endpoint.id}/states`)).status).toBe(200);
    expect((await call(`/api/console/apps/${app.id}/message-log`)).status).toBe(200);
    expect(await statusOf(client.endpoint.getSecret(app.id, endpoint.id))).toBe(403);
  });

  it("ViewEndpointSecret: the secret is revealed with it, 403 without", async () => {
    const app = await seedApp(db, orgId);
    const endpoint = await svix.endpoint.create(app.id, { url: receiver.url("/secret") });
    const without = await portal(app.id, { capabilities: ["ViewBase", "ManageEndpoint"] });
    const withIt = await portal(app.id, { capabilities: ["ViewEndpointSecret"] });
    expect(await statusOf(without.client.endpoint.getSecret(app.id, endpoint.id))).toBe(403);
    expect((await withIt.client.endpoint.getSecret(app.id, endpoint.id)).key).toMatch(/^whsec_/);
  });

  it("ManageEndpointSecret: rotating the secret works with it, 403 without", async () => {
    const app = await seedApp(db, orgId);
    const endpoint = await svix.endpoint.create(app.id, { url: receiver.url("/rotate") });
    const without = await portal(app.id, { capabilities: ["ViewEndpointSecret", "ManageEndpoint", "CreateAttempts"] });
    const withIt = await portal(app.id, { capabilities: ["ManageEndpointSecret"] });
    expect(await statusOf(without.client.endpoint.rotateSecret(app.id, endpoint.id, {}))).toBe(403);
    expect(await statusOf(withIt.client.endpoint.rotateSecret(app.id, endpoint.id, {}))).toBe("ok");
  });

  it("ManageEndpoint: creating, changing, disabling and deleting endpoints and their headers work with it, 403 without", async () => {
    const app = await seedApp(db, orgId);
    const existing = await seedEndpoint(db, app.id);
    const without = await portal(app.id, { capabilities: ["ViewEndpointSecret", "ManageEndpointSecret", "CreateAttempts"] });
    const withIt = await portal(app.id, { capabilities: ["ManageEndpoint"] });
    const url = receiver.url("/portal-made");
    expect(await statusOf(without.client.endpoint.create(app.id, { url }))).toBe(403);
    expect(await statusOf(without.client.endpoint.patch(app.id, existing.id, { disabled: true }))).toBe(403);
    expect(await statusOf(without.client.endpoint.setHeaders(app.id, existing.id, { headers: { "x-a": "1" } }))).toBe(403);
    expect(await statusOf(without.client.endpoint.delete(app.id, existing.id))).toBe(403);

    const created = await withIt.client.endpoint.create(app.id, { url, description: "from the portal" });
    expect(created.url).toBe(url);
    expect((await withIt.client.endpoint.patch(app.id, created.id, { disabled: true })).disabled).toBe(true);
    await withIt.client.endpoint.setHeaders(app.id, created.id, { headers: { "x-customer": "42" } });
    await withIt.client.endpoint.delete(app.id, created.id);
    expect(await statusOf(withIt.client.endpoint.get(app.id, created.id))).toBe(404);
    // Audited as the portal session's.
    const audit = await db.auditEvent.findFirst({ where: { action: "endpoint.created", targetId: created.id } });
    expect(audit?.actorPortalSessionId).toMatch(/^psn_/);
  });

  it("CreateAttempts: resend, recover and send-example work with it, 403 without", async () => {
    const app = await seedApp(db, orgId);
    const endpoint = await svix.endpoint.create(app.id, { url: receiver.url("/attempts") });
    const { id: msgId } = await svix.message.create(app.id, { eventType: "invoice.paid", payload: { n: 1 } });
    await receiver.arrival(msgId, "/attempts");
    const without = await portal(app.id, { capabilities: ["ViewEndpointSecret", "ManageEndpointSecret", "ManageEndpoint"] });
    const withIt = await portal(app.id, { capabilities: ["CreateAttempts"] });
    const since = new Date(Date.now() - 3600_000);
    expect(await statusOf(without.client.messageAttempt.resend(app.id, msgId, endpoint.id))).toBe(403);
    expect(await statusOf(without.client.endpoint.recover(app.id, endpoint.id, { since }))).toBe(403);
    expect(await statusOf(without.client.endpoint.sendExample(app.id, endpoint.id, { eventType: "invoice.paid" }))).toBe(403);

    await withIt.client.messageAttempt.resend(app.id, msgId, endpoint.id);
    await receiver.waitFor((r) => r.path === "/attempts" && r.headers["webhook-id"] === msgId && receiver.requests("/attempts").length >= 2);
    const task = await withIt.client.endpoint.recover(app.id, endpoint.id, { since });
    // It follows the recover it started; another application's task is not its to see.
    expect((await withIt.client.backgroundTask.get(task.id)).id).toBe(task.id);
    const other = await seedApp(db, orgId);
    const otherEndpoint = await svix.endpoint.create(other.id, { url: receiver.url("/attempts-other") });
    const otherTask = await svix.endpoint.recover(other.id, otherEndpoint.id, { since });
    expect(await statusOf(withIt.client.backgroundTask.get(otherTask.id))).toBe(404);
    // No example in the catalogue: the answer is a readable 4xx, not a refusal of the capability.
    expect(await statusOf(withIt.client.endpoint.sendExample(app.id, endpoint.id, { eventType: "invoice.paid" }))).not.toBe(403);
    // The recover offered after re-enabling is declined with the same capability.
    await svix.endpoint.patch(app.id, endpoint.id, { disabled: true });
    await svix.message.create(app.id, { eventType: "invoice.paid", payload: { n: 2 } });
    await svix.endpoint.patch(app.id, endpoint.id, { disabled: false });
    const dismiss = `/api/console/apps/${app.id}/endpoints/${endpoint.id}/recover-offer/dismiss`;
    expect((await without.call(dismiss, { method: "POST", json: {} })).status).toBe(403);
    const dismissed = await json<{ recoverOffer: unknown }>(withIt.call(dismiss, { method: "POST", json: {} }));
    expect(dismissed.recoverOffer).toBeNull();
    expect((await withIt.call(`/api/console/apps/${other.id}/endpoints/${otherEndpoint.id}/recover-offer/dismiss`, { method: "POST", json: {} })).status).toBe(
      404,
    );
  });

  it("read-only: every write is refused with a readable 403, reads work", async () => {
    const app = await seedApp(db, orgId);
    const endpoint = await seedEndpoint(db, app.id);
    const { client, call } = await portal(app.id, { readOnly: true, capabilities: ALL });
    expect(await statusOf(client.endpoint.list(app.id))).toBe("ok");
    expect(await statusOf(client.endpoint.create(app.id, { url: receiver.url("/ro") }))).toBe(403);
    expect(await statusOf(client.endpoint.patch(app.id, endpoint.id, { disabled: true }))).toBe(403);
    expect(await statusOf(client.endpoint.rotateSecret(app.id, endpoint.id, {}))).toBe(403);
    const refused = await call(`/api/v1/app/${app.id}/endpoint/${endpoint.id}`, { method: "DELETE" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "forbidden", detail: expect.stringContaining("read-only") });
  });
});

describe(`the portal's cookie on ${kind}`, () => {
  it("is exchanged for the link's token, serves the portal's calls same-origin, and ends on logout", async () => {
    const app = await seedApp(db, orgId, { name: "Cookie app" });
    const endpoint = await seedEndpoint(db, app.id);
    await db.organization.update({ where: { id: orgId }, data: { portalDisplayName: "Acme Webhooks", portalPrimaryColor: "#112233" } });
    const { token } = await portal(app.id, { capabilities: ["ViewBase", "ManageEndpoint"] });
    const browser = new Browser();

    expect((await browser.fetch("/api/portal/session")).status).toBe(401);
    expect((await browser.json("/api/portal/session", "POST", { token: "pgp_not-a-real-token" })).status).toBe(401);
    expect((await browser.json("/api/portal/session", "POST", {})).status).toBe(422);
    const exchanged = await browser.json("/api/portal/session", "POST", { token });
    expect(exchanged.status).toBe(200);
    const cookie = exchanged.headers.getSetCookie().find((c) => c.startsWith("pigeon_portal="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=None/);
    expect(cookie).toMatch(/Path=\//);
    const session = await json(browser.fetch("/api/portal/session"));
    expect(session).toMatchObject({
      appId: app.id,
      appName: "Cookie app",
      capabilities: ["ViewBase", "ManageEndpoint"],
      readOnly: false,
      branding: { displayName: "Acme Webhooks", primaryColor: "#112233", logoUrl: null },
    });
    expect(Object.keys(session).sort()).toEqual(["appId", "appName", "appUid", "branding", "capabilities", "expiresAt", "id", "orgName", "readOnly"]);

    // The portal's pages call the API same-origin with the cookie.
    expect((await browser.fetch(`/api/v1/app/${app.id}/endpoint`)).status).toBe(200);
    expect((await browser.json(`/api/v1/app/${app.id}/endpoint/${endpoint.id}`, "PATCH", { description: "mine" })).status).toBe(200);
    expect((await browser.fetch(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret`)).status).toBe(403);
    expect((await browser.fetch("/api/console/settings")).status).toBe(403);
    // A write from another site with the cookie is refused.
    const crossSite = await browser.fetch(`/api/v1/app/${app.id}/endpoint/${endpoint.id}`, {
      method: "PATCH",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ description: "theirs" }),
    });
    expect(crossSite.status).toBe(403);
    expect((await browser.fetch("/api/portal/session", { method: "DELETE", headers: { origin: "https://evil.example" } })).status).toBe(403);

    const logout = await browser.fetch("/api/portal/session", { method: "DELETE" });
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie().find((c) => c.startsWith("pigeon_portal="))).toMatch(/Max-Age=0/);
    const stale = new Browser();
    stale.cookies.set("pigeon_portal", token);
    expect((await stale.fetch("/api/portal/session")).status).toBe(401);
    expect((await stale.fetch(`/api/v1/app/${app.id}/endpoint`)).status).toBe(401);
  });

  it("beside a console session: the console's pages act as the person, the portal's pages as the portal", async () => {
    const { browser, orgId: ownOrg } = await signedInOwner();
    const [mine, other] = [await seedApp(db, ownOrg), await seedApp(db, ownOrg)];
    const link = await json<{ token: string }>(browser.json(`/api/console/apps/${mine.id}/portal-link`, "POST"));
    expect((await browser.json("/api/portal/session", "POST", { token: link.token })).status).toBe(200);
    expect((await browser.fetch(`/api/v1/app/${other.id}`)).status).toBe(200);
    expect((await browser.fetch("/api/console/settings")).status).toBe(200);
    const fromPortal = { headers: { referer: `${baseUrl}/portal/${mine.id}` } };
    expect((await browser.fetch(`/api/v1/app/${mine.id}`, fromPortal)).status).toBe(200);
    expect((await browser.fetch(`/api/v1/app/${other.id}`, fromPortal)).status).toBe(404);
  });
});

describe(`the console's portal links and sessions on ${kind}`, () => {
  it("opens a one-hour link with every capability, lists the active sessions with who issued them, and revokes one", async () => {
    const { browser, orgId: ownOrg, userId } = await signedInOwner();
    const app = await seedApp(db, ownOrg);
    const link = await json<{ url: string; token: string; expiresAt: string }>(browser.json(`/api/console/apps/${app.id}/portal-link`, "POST"));
    expect(link.url).toContain(`/portal/${app.id}#token=${link.token}`);
    expect(Math.abs(new Date(link.expiresAt).getTime() - Date.now() - 3600_000)).toBeLessThan(60_000);
    const { key } = await insertApiKey(db, ownOrg, "backend", "developer");
    await new Svix(key, { serverUrl: baseUrl }).authentication.appPortalAccess(app.id, { sessionId: "customer-7", readOnly: true });

    const { data } = await json<{ data: { id: string; capabilities: string[]; readOnly: boolean; sessionId: string | null; issuedBy: unknown }[] }>(
      browser.fetch(`/api/console/apps/${app.id}/portal-sessions`),
    );
    expect(data).toHaveLength(2);
    expect(data[1]).toMatchObject({ capabilities: ALL, readOnly: false, sessionId: null, issuedBy: { kind: "user", id: userId } });
    expect(data[0]).toMatchObject({ capabilities: ["ViewBase"], readOnly: true, sessionId: "customer-7", issuedBy: { kind: "apiKey", name: "backend" } });
    expect(await db.auditEvent.findFirst({ where: { action: "portal_session.issued", targetId: data[1]!.id } })).toMatchObject({ actorUserId: userId });

    expect((await browser.fetch(`/api/console/apps/${app.id}/portal-sessions/${data[1]!.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await browser.fetch(`/api/console/apps/${app.id}/portal-sessions/${data[1]!.id}`, { method: "DELETE" })).status).toBe(404);
    expect(await statusOf(new Svix(link.token, { serverUrl: baseUrl }).application.get(app.id))).toBe(401);
    expect((await json<{ data: unknown[] }>(browser.fetch(`/api/console/apps/${app.id}/portal-sessions`))).data).toHaveLength(1);
    expect(await db.auditEvent.findFirst({ where: { action: "portal_session.revoked", targetId: data[1]!.id } })).toMatchObject({ actorUserId: userId });

    // Another organization's application and sessions: 404; a viewer: 403.
    expect((await browser.json(`/api/console/apps/${(await seedApp(db, orgId)).id}/portal-link`, "POST")).status).toBe(404);
    expect((await browser.fetch(`/api/console/apps/${app.id}/portal-sessions/${data[0]!.id}x`, { method: "DELETE" })).status).toBe(404);
    const viewer = apiClient((await insertApiKey(db, ownOrg, "viewer", "viewer")).key);
    expect((await viewer(`/api/console/apps/${app.id}/portal-link`, { method: "POST" })).status).toBe(403);
    expect((await viewer(`/api/console/apps/${app.id}/portal-sessions`)).status).toBe(403);
  });
});

describe(`the portal's branding and framing on ${kind}`, () => {
  it("are set in Settings by admins, validated, and applied to /portal pages while the console refuses framing", async () => {
    const { browser, orgId: ownOrg } = await signedInOwner();
    const app = await seedApp(db, ownOrg);
    const portalPage = async (path: string, cookie?: string) => {
      const answer = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
      await answer.arrayBuffer();
      return { csp: answer.headers.get("content-security-policy") ?? "", xfo: answer.headers.get("x-frame-options") };
    };

    const before = await json<{ portal: unknown }>(browser.fetch("/api/console/settings"));
    expect(before.portal).toEqual({ displayName: null, logoUrl: null, primaryColor: null, frameAncestors: [] });
    expect((await portalPage(`/portal/${app.id}`)).csp).toContain("frame-ancestors 'self';");

    const saved = await json<{ portal: unknown }>(
      browser.json("/api/console/settings", "PATCH", {
        portal: {
          displayName: "Acme",
          logoUrl: "data:image/png;base64,iVBORw0KGgo=",
          primaryColor: "#4F46E5",
          frameAncestors: ["https://app.example.com", "http://localhost:4000/", "https://app.example.com"],
        },
      }),
    );
    expect(saved.portal).toEqual({
      displayName: "Acme",
      logoUrl: "data:image/png;base64,iVBORw0KGgo=",
      primaryColor: "#4f46e5",
      frameAncestors: ["https://app.example.com", "http://localhost:4000"],
    });
    for (const portal of [
      { frameAncestors: ["https://app.example.com/path"] },
      { frameAncestors: ["javascript:alert(1)"] },
      { frameAncestors: ["https://a.example.com; script-src *"] },
      { frameAncestors: Array.from({ length: 21 }, (_, i) => `https://a${i}.example.com`) },
      { logoUrl: "http://insecure.example.com/logo.png" },
      { logoUrl: "data:text/html;base64,PHNjcmlwdD4=" },
      { logoUrl: `data:image/png;base64,${"A".repeat(50_000)}` },
      { primaryColor: "red" },
      { displayName: "x".repeat(101) },
    ]) {
      const refused = await browser.json("/api/console/settings", "PATCH", { portal });
      expect(refused.status, JSON.stringify(portal).slice(0, 80)).toBe(422);
    }

    // The page of a magic link (before any cookie) and later pages with the session's cookie.
    const first = await portalPage(`/portal/${app.id}`);
    expect(first.csp).toContain("frame-ancestors 'self' https://app.example.com http://localhost:4000;");
    expect(first.xfo).toBeNull();
    const { token } = await json<{ token: string }>(browser.json(`/api/console/apps/${app.id}/portal-link`, "POST"));
    expect((await portalPage("/portal", `pigeon_portal=${token}`)).csp).toContain("frame-ancestors 'self' https://app.example.com http://localhost:4000;");
    expect((await portalPage("/portal")).csp).toContain("frame-ancestors 'self';");
    // Another organization's origins never apply.
    expect((await portalPage(`/portal/${(await seedApp(db, orgId)).id}`)).csp).toContain("frame-ancestors 'self';");

    for (const path of ["/login", "/dashboard", "/api/health", "/portalx"]) {
      const console = await portalPage(path);
      expect(console.csp, path).toContain("frame-ancestors 'none'");
      expect(console.xfo, path).toBe("DENY");
    }

    // Clearing: null removes them.
    const cleared = await json<{ portal: unknown }>(browser.json("/api/console/settings", "PATCH", { portal: { frameAncestors: null, logoUrl: null } }));
    expect(cleared.portal).toMatchObject({ displayName: "Acme", logoUrl: null, frameAncestors: [] });
    expect((await portalPage(`/portal/${app.id}`)).csp).toContain("frame-ancestors 'self';");
    // Only admins change them.
    const developer = apiClient((await insertApiKey(db, ownOrg, "dev", "developer")).key);
    expect((await developer("/api/console/settings", { method: "PATCH", json: { portal: { displayName: "no" } } })).status).toBe(403);
  });
});
