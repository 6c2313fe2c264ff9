import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { PASSWORD, signedInOwner, uniqueEmail } from "../support/accounts";
import { apiClient, Browser } from "../support/http";

const kind = inject("dbKind");

afterAll(() => db.$disconnect());

async function signUp(browser: Browser, email: string, extra: Record<string, string> = {}) {
  const response = await browser.json("/api/console/signup", "POST", {
    name: "Test User",
    email,
    password: PASSWORD,
    organizationName: "Org of " + email,
    ...extra,
  });
  return { response, body: await response.json() };
}

describe(`accounts and sessions on ${kind}`, () => {
  it("signs up into a new organization as owner and signs in", async () => {
    const browser = new Browser();
    const email = uniqueEmail("owner");
    const { response, body } = await signUp(browser, email);
    expect(response.status).toBe(201);
    expect(JSON.stringify(body)).not.toMatch(/hash|password/i);
    expect(await db.membership.findFirst({ where: { userId: body.userId } })).toMatchObject({ orgId: body.orgId, role: "owner" });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).passwordHash).toMatch(/^\$argon2id\$/);

    expect((await browser.login(email, PASSWORD)).status).toBe(200);
    const orgs = await (await browser.fetch("/api/console/orgs")).json();
    expect(orgs).toMatchObject({ activeId: body.orgId, data: [{ id: body.orgId, role: "owner" }] });
  });

  it("refuses bad sign-up input with 422 naming the field, and a taken email with 409", async () => {
    const browser = new Browser();
    const bad = await browser.json("/api/console/signup", "POST", { name: "x", email: "not-an-email", password: "short" });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.message).toMatch(/email: must be a valid email address/);
    expect(body.message).toMatch(/password: must be at least 10 characters/);
    expect((await browser.fetch("/api/console/signup", { method: "POST", body: "{nope", headers: { "content-type": "application/json" } })).status).toBe(400);
    const email = uniqueEmail("dup");
    await signUp(browser, email);
    expect((await signUp(browser, email)).response.status).toBe(409);
  });

  it("answers the 11th wrong password in a minute with 429, and lets the right one in after the window", async () => {
    const browser = new Browser();
    const email = uniqueEmail("brute");
    await signUp(browser, email);
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await browser.login(email, `wrong password ${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const locked = await browser.login(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(locked.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    // The window passes (moved into the past rather than waited for).
    await db.rateLimit.updateMany({ where: { key: { startsWith: "login:" } }, data: { resetAt: new Date(Date.now() - 1000) } });
    expect((await browser.login(email, PASSWORD)).status).toBe(200);
  });

  it("changes a password and records security events in the audit log", async () => {
    const { browser, email, orgId } = await signedInOwner();
    const wrong = await browser.json("/api/console/password", "POST", { currentPassword: "nope nope nope", newPassword: "another long password" });
    expect(wrong.status).toBe(422);
    expect((await browser.json("/api/console/password", "POST", { currentPassword: PASSWORD, newPassword: "another long password" })).status).toBe(204);
    expect((await new Browser().login(email, "another long password")).status).toBe(200);
    const audit = await (await browser.fetch("/api/console/audit")).json();
    const actions = audit.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["signup", "login", "password.changed"]));
    expect(await db.auditEvent.count({ where: { orgId, action: "login" } })).toBeGreaterThanOrEqual(1);
  });
});

describe(`invitations and roles on ${kind}`, () => {
  it("invites a teammate who joins with the role, once; an admin cannot grant owner", async () => {
    const { browser: owner, email: ownerEmail, orgId } = await signedInOwner();
    const mateEmail = uniqueEmail("mate");
    const invite = await owner.json("/api/console/team/invitations", "POST", { email: mateEmail, role: "admin" });
    expect(invite.status).toBe(201);
    const { link, emailed } = await invite.json();
    expect(emailed).toBe(false);
    const token = link.split("/invite/")[1];
    expect(JSON.stringify(await db.invitation.findMany({ where: { orgId } }))).not.toContain(token);

    const mate = new Browser();
    expect((await signUp(mate, uniqueEmail("other"), { inviteToken: token })).response.status).toBe(422);
    const joined = await signUp(mate, mateEmail, { inviteToken: token });
    expect(joined.response.status).toBe(201);
    expect(joined.body.orgId).toBe(orgId);
    expect(await db.membership.findFirst({ where: { orgId, userId: joined.body.userId } })).toMatchObject({ role: "admin" });
    expect((await signUp(new Browser(), uniqueEmail("again"), { inviteToken: token })).response.status).toBe(409);

    await mate.login(mateEmail, PASSWORD);
    const team = await (await mate.fetch("/api/console/team")).json();
    const ownerMember = team.members.find((m: { user: { email: string } }) => m.user.email === ownerEmail);
    expect((await mate.json(`/api/console/team/members/${ownerMember.id}`, "PATCH", { role: "viewer" })).status).toBe(403);
    expect((await mate.json("/api/console/team/invitations", "POST", { email: uniqueEmail("x"), role: "owner" })).status).toBe(403);
    // The last owner cannot be demoted, even by themselves.
    const ownerTeam = await (await owner.fetch("/api/console/team")).json();
    const self = ownerTeam.members.find((m: { user: { email: string } }) => m.user.email === ownerEmail);
    expect((await owner.json(`/api/console/team/members/${self.id}`, "PATCH", { role: "admin" })).status).toBe(409);
  });
});

describe(`API keys and tenancy on ${kind}`, () => {
  it("keeps another organization's records invisible (404), refuses writes to viewers (403) and revoked keys (401)", async () => {
    const orgA = await seedOrg(db);
    const orgB = await seedOrg(db);
    const a = apiClient((await insertApiKey(db, orgA.id, "a", "admin")).key);
    const bKey = await insertApiKey(db, orgB.id, "b", "admin");
    const b = apiClient(bKey.key);
    const viewer = apiClient((await insertApiKey(db, orgA.id, "v", "viewer")).key);

    // Org B's key, invitation and member ids, addressed with org A's key.
    const bInvite = await (await b("/api/console/team/invitations", { method: "POST", json: { email: uniqueEmail("b"), role: "viewer" } })).json();
    expect((await a(`/api/console/api-keys/${bKey.row.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await a(`/api/console/team/invitations/${bInvite.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await a(`/api/console/team/members/mbr_missing`, { method: "PATCH", json: { role: "viewer" } })).status).toBe(404);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: bKey.row.id } })).revokedAt).toBeNull();

    // Viewers read but never write.
    expect((await viewer("/api/console/team")).status).toBe(200);
    for (const [path, method, json] of [
      ["/api/console/team/invitations", "POST", { email: uniqueEmail("v"), role: "viewer" }],
      ["/api/console/api-keys", "POST", { name: "x" }],
      [`/api/console/team/members/mbr_x`, "DELETE", undefined],
    ] as const) {
      expect((await viewer(path, { method, json })).status, `${method} ${path}`).toBe(403);
    }

    // Revoked or unknown keys get 401.
    expect((await b(`/api/console/api-keys/${bKey.row.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await b("/api/console/team")).status).toBe(401);
    expect((await apiClient("pgn_nonsense")("/api/console/team")).status).toBe(401);
    expect((await fetch(`${inject("baseUrl")}/api/console/team`)).status).toBe(401);
  });

  it("never returns key hashes; lists keys with name, prefix and last use", async () => {
    const org = await seedOrg(db);
    const admin = apiClient((await insertApiKey(db, org.id, "admin", "admin")).key);
    const created = await (await admin("/api/console/api-keys", { method: "POST", json: { name: "CI", role: "viewer" } })).json();
    expect(created.key).toMatch(/^pgn_/);
    const list = await (await admin("/api/console/api-keys")).json();
    const text = JSON.stringify(list);
    for (const row of await db.apiKey.findMany({ where: { orgId: org.id } })) expect(text).not.toContain(row.hash);
    expect(text).not.toContain(created.key);
    expect(list.data.find((k: { name: string }) => k.name === "admin")).toMatchObject({
      prefix: expect.stringMatching(/^pgn_/),
      lastUsedAt: expect.any(String),
    });
    expect(Object.keys(list.data[0]).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "role"]);
  });

  it("creates a key from the command line, printed alone on the last line", async () => {
    const name = `cli-org-${Date.now()}`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/pigeon.ts", "api-key", "create", "--org", name], {
      env: { ...process.env } as NodeJS.ProcessEnv,
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    const key = result.stdout.trim().split("\n").at(-1)!;
    expect(key).toMatch(/^pgn_[A-Za-z0-9_-]+$/);
    expect((await apiClient(key)("/api/console/team")).status).toBe(200);
    expect(await db.organization.count({ where: { name } })).toBe(1);
  });
});

describe("invitation-only installs (ALLOW_SIGNUP=false)", () => {
  it("lets the first user of an empty install sign up, then only invited people", async () => {
    const { createTestDatabase } = await import("../support/test-database");
    const { runMigrations } = await import("../../scripts/lib/run-migrations");
    const { startServer } = await import("../support/server");
    const database = await createTestDatabase("sqlite");
    await runMigrations(database.url);
    const server = await startServer({ DATABASE_URL: database.url, ALLOW_SIGNUP: "false", PIGEON_DATA_DIR: inject("dataDir") });
    const post = (body: object) =>
      fetch(`${server.url}/api/console/signup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "N", password: PASSWORD, ...body }),
      });
    try {
      expect((await post({ email: uniqueEmail("first") })).status).toBe(201);
      const second = await post({ email: uniqueEmail("second") });
      expect(second.status).toBe(403);
      expect((await second.json()).detail).toMatch(/invitation only/);
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});
