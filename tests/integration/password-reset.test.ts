import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { hashToken } from "@/lib/crypto/random-token";
import { createDb, type Db } from "@/lib/db";
import { seedMember, seedOrg } from "@/lib/seed/factories";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { testServerEnv } from "../setup/global-setup";
import { PASSWORD, uniqueEmail } from "../support/accounts";
import { Browser } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { sleep, until } from "../support/wait";

// Its own server, which sends email to a local SMTP sink: "forgot password" is offered only
// when SMTP_URL is set. The profile's name and email changes are tested here too.

const kind = inject("dbKind");
const root = path.resolve(import.meta.dirname, "../..");
const PUBLIC_URL = "http://pigeon.test";
const NEUTRAL = /^If an account uses that address, we sent it a link/;

let database: TestDatabase;
let db: Db;
let server: RunningServer;
let smtp: SmtpSink;
let passwordHash: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  database = await createTestDatabase(kind);
  await runMigrations(database.url, root);
  db = createDb(database.url);
  passwordHash = await hashPassword(PASSWORD);
  server = await startServer({
    ...testServerEnv,
    DATABASE_URL: database.url,
    PIGEON_DATA_DIR: inject("dataDir"),
    SMTP_URL: smtp.url,
    PUBLIC_URL,
    PIGEON_WORKER: "false",
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await db?.$disconnect();
  await database?.drop();
});

const browser = () => new Browser(server.url);

/** A member of a new organization, with an address of their own, who signs in with PASSWORD. */
async function member(name = "member") {
  const { user } = await seedMember(db, (await seedOrg(db)).id, { role: "owner", passwordHash });
  const email = uniqueEmail(name);
  await db.user.update({ where: { id: user.id }, data: { email } });
  return { ...user, email };
}

async function signedIn(email: string, password = PASSWORD) {
  const b = browser();
  expect((await b.login(email, password)).status).toBe(200);
  return b;
}

const forgot = (b: Browser, email: string) => b.json("/api/console/password-reset", "POST", { email });
const confirm = (b: Browser, token: string, newPassword: string) => b.json("/api/console/password-reset/confirm", "POST", { token, newPassword });

/** The token of the one reset email sent to `email` (waits for it: the email goes out after the answer). */
async function tokenFrom(email: string, count = 1): Promise<string> {
  const mails = await until(async () => (smtp.to(email).length >= count ? smtp.to(email) : undefined), "the reset email");
  const mail = mails[count - 1]!;
  expect(mail.subject).toBe("Reset your Pigeon password");
  expect(mail.text).toContain("expires in 30 minutes");
  expect(mail.text).toMatch(/ignore this email/);
  const link = new RegExp(`${PUBLIC_URL}/reset-password\\?token=(pwr_[\\w-]{43})`).exec(mail.text);
  expect(link, mail.text).not.toBeNull();
  return link![1]!;
}

describe(`forgot password on ${kind}`, () => {
  it("emails a one-time link that sets a new password once, ends every session and spends the user's other links", async () => {
    const user = await member("reset");
    const [other, requester] = [await signedIn(user.email), browser()];
    expect((await other.fetch("/api/console/orgs")).status).toBe(200);

    const first = await forgot(requester, user.email.toUpperCase());
    expect(first.status).toBe(202);
    expect((await first.json()).detail).toMatch(NEUTRAL);
    const token = await tokenFrom(user.email);
    expect(await forgot(requester, user.email).then((r) => r.status)).toBe(202);
    const spare = await tokenFrom(user.email, 2);

    // Stored as its hash only, with the client's address.
    const row = await db.passwordReset.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row).toMatchObject({ userId: user.id, usedAt: null, requestedIp: requester.ip });
    expect(await db.passwordReset.count({ where: { tokenHash: token } })).toBe(0);

    // The reset page shows the form for a good token and a clear refusal for a bad one.
    expect(await (await requester.fetch(`/reset-password?token=${token}`)).text()).toContain("Choose a new password");
    expect(await (await requester.fetch("/reset-password?token=pwr_nope")).text()).toContain("expired or was already used");

    const tooShort = await confirm(requester, token, "short");
    expect(tooShort.status).toBe(422);
    expect((await tooShort.json()).message).toMatch(/newPassword: must be at least 10 characters/);

    expect((await confirm(requester, token, "a brand new password")).status).toBe(204);
    const again = await confirm(requester, token, "another new password");
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({
      code: "validation",
      message: expect.stringMatching(/^token: This password reset link has expired or was already used/),
    });
    // Using one link spent the other.
    expect((await confirm(requester, spare, "another new password")).status).toBe(422);

    expect((await other.fetch("/api/console/orgs")).status).toBe(401);
    expect((await browser().login(user.email, PASSWORD)).status).toBe(401);
    await signedIn(user.email, "a brand new password");
    const actions = (await db.auditEvent.findMany({ where: { targetId: user.id } })).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["password.reset_requested", "password.reset"]));
  });

  it("refuses an expired link", async () => {
    const user = await member("expired");
    await forgot(browser(), user.email);
    const token = await tokenFrom(user.email);
    await db.passwordReset.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await confirm(browser(), token, "a brand new password")).status).toBe(422);
    expect(await (await browser().fetch(`/reset-password?token=${token}`)).text()).toContain("Request a new link");
    await signedIn(user.email);
  });

  it("answers an unknown address the same, in similar time, and sends nothing", async () => {
    const known = await member("known");
    const unknown = uniqueEmail("nobody");
    const timed = async (email: string) => {
      const started = performance.now();
      const response = await forgot(browser(), email);
      return { status: response.status, body: await response.json(), ms: performance.now() - started };
    };
    // Alternating rounds, compared by their medians: other test files load the machine meanwhile.
    const rounds = [];
    for (let i = 0; i < 5; i++) rounds.push([await timed(known.email), await timed(unknown)] as const);
    for (const [a, b] of rounds) expect(b).toMatchObject({ status: 202, body: a.body });
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    expect(Math.abs(median(rounds.map(([a]) => a.ms)) - median(rounds.map(([, b]) => b.ms)))).toBeLessThan(150);
    await tokenFrom(known.email);
    await sleep(500);
    expect(smtp.to(unknown)).toEqual([]);
  });

  it("sends at most 3 emails an hour to one address, answering the same", async () => {
    const user = await member("limited");
    for (let i = 0; i < 4; i++) {
      const response = await forgot(browser(), user.email);
      expect(response.status).toBe(202);
      expect((await response.json()).detail).toMatch(NEUTRAL);
    }
    await tokenFrom(user.email, 3);
    await sleep(1000);
    expect(smtp.to(user.email)).toHaveLength(3);
  });

  it("refuses an address's 11th request in 15 minutes with a 429", async () => {
    const b = browser();
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await forgot(b, uniqueEmail("spray"))).status);
    expect(statuses).toEqual([...Array(10).fill(202), 429]);
    const over = await forgot(b, uniqueEmail("spray"));
    expect(await over.json()).toMatchObject({ code: "rate_limited", detail: expect.stringMatching(/Too many password reset requests/) });
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers malformed input with 4xx JSON", async () => {
    const b = browser();
    const bad = await forgot(b, "not an email");
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: "validation", message: "email: must be a valid email address" });
    const huge = await b.fetch("/api/console/password-reset", { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(100_000) });
    expect(huge.status).toBe(413);
    expect((await confirm(b, "x".repeat(500), "a brand new password")).status).toBe(422);
  });
});

describe(`profile on ${kind}`, () => {
  it("changes the name, and the email with the current password; the person stays signed in", async () => {
    const user = await member("profile");
    const neighbour = await member("neighbour");
    const b = await signedIn(user.email);

    const renamed = await b.json("/api/console/profile", "PATCH", { name: "  Ada Lovelace " });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: user.id, name: "Ada Lovelace", email: user.email });
    expect((await b.json("/api/console/profile", "PATCH", { name: "" })).status).toBe(422);

    const newEmail = uniqueEmail("renamed").toUpperCase();
    const withoutPassword = await b.json("/api/console/profile", "PATCH", { email: newEmail });
    expect(withoutPassword.status).toBe(422);
    expect((await withoutPassword.json()).message).toMatch(/^currentPassword: is required/);
    const wrongPassword = await b.json("/api/console/profile", "PATCH", { email: newEmail, currentPassword: "not my password" });
    expect((await wrongPassword.json()).message).toBe("currentPassword: is incorrect");
    const taken = await b.json("/api/console/profile", "PATCH", { email: neighbour.email, currentPassword: PASSWORD });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: "conflict", detail: "An account already uses this email address" });
    expect((await b.json("/api/console/profile", "PATCH", { email: "x".repeat(250) + "@example.com", currentPassword: PASSWORD })).status).toBe(422);

    const changed = await b.json("/api/console/profile", "PATCH", { email: newEmail, currentPassword: PASSWORD });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ email: newEmail.toLowerCase() });
    // Still signed in, and the session says who they are now.
    expect((await b.fetch("/api/console/orgs")).status).toBe(200);
    expect(await (await b.fetch("/api/auth/session")).json()).toMatchObject({ user: { id: user.id, email: newEmail.toLowerCase(), name: "Ada Lovelace" } });
    await signedIn(newEmail.toLowerCase());
    expect((await browser().login(user.email, PASSWORD)).status).toBe(401);
    // The old address is told, once, and nothing else was sent to either address.
    const [told] = await until(() => (smtp.to(user.email).length ? smtp.to(user.email) : undefined), "the email to the old address");
    expect(told!.subject).toBe("The email address of your Pigeon account was changed");
    expect(told!.text).toContain(`changed from ${user.email} to ${newEmail.toLowerCase()}`);
    expect(told!.text).toContain(`${PUBLIC_URL}/login`);
    await sleep(300);
    expect(smtp.to(user.email)).toHaveLength(1);
    expect(smtp.to(newEmail.toLowerCase())).toHaveLength(0);

    // Another organization's user is untouched.
    expect(await db.user.findUniqueOrThrow({ where: { id: neighbour.id } })).toMatchObject({ email: neighbour.email, name: "Test member" });
    const audit = await db.auditEvent.findMany({ where: { targetId: user.id, action: "profile.updated" } });
    expect(audit.map((event) => event.data)).toEqual(
      expect.arrayContaining([{ name: { from: "Test member", to: "Ada Lovelace" } }, { email: { from: user.email, to: newEmail.toLowerCase() } }]),
    );
  });

  it("is for signed-in people only, from Pigeon's own pages", async () => {
    expect((await browser().json("/api/console/profile", "PATCH", { name: "Mallory" })).status).toBe(401);
    const user = await member("csrf");
    const b = await signedIn(user.email);
    const foreign = await b.fetch("/api/console/profile", {
      method: "PATCH",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ name: "Mallory" }),
    });
    expect(foreign.status).toBe(403);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Test member");
  });
});
