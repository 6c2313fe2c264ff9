import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { seedMember, seedOrg } from "@/lib/seed/factories";
import { PASSWORD } from "../support/accounts";
import { Browser } from "../support/http";

const kind = inject("dbKind");
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => db.$disconnect());

async function signedIn(email: string) {
  const browser = new Browser();
  expect((await browser.login(email, PASSWORD)).status).toBe(200);
  return browser;
}

const sessionOf = async (browser: Browser) => (await browser.fetch("/api/auth/session")).json();

describe(`sessions on ${kind}`, () => {
  it("end everywhere else when a user changes their password; the browser that changed it stays signed in", async () => {
    const { user } = await seedMember(db, (await seedOrg(db)).id, { role: "owner", passwordHash });
    const [a, b] = [await signedIn(user.email), await signedIn(user.email)];
    expect((await b.fetch("/api/console/orgs")).status).toBe(200);

    const changed = await a.json("/api/console/password", "POST", { currentPassword: PASSWORD, newPassword: "a brand new password" });
    expect(changed.status).toBe(204);

    expect((await b.fetch("/api/console/orgs")).status).toBe(401);
    expect(await sessionOf(b)).toEqual({});
    expect((await a.fetch("/api/console/orgs")).status).toBe(200);
    expect(await sessionOf(a)).toMatchObject({ user: { id: user.id, email: user.email } });
  });

  it("cannot be used to guess the password: the 11th wrong current password in a minute is refused", async () => {
    const { user } = await seedMember(db, (await seedOrg(db)).id, { role: "owner", passwordHash });
    const browser = await signedIn(user.email);
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await browser.json("/api/console/password", "POST", { currentPassword: `guess number ${i}`, newPassword: "a brand new password" })).status,
      );
    expect(statuses).toEqual([...Array(10).fill(422), 429]);
    const right = await browser.json("/api/console/password", "POST", { currentPassword: PASSWORD, newPassword: "a brand new password" });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("end when the user is removed from an organization", async () => {
    const org = await seedOrg(db);
    const owner = await seedMember(db, org.id, { role: "owner", passwordHash });
    const member = await seedMember(db, org.id, { role: "developer", passwordHash });
    // They keep another organization, so only the ended session can lock them out.
    await db.membership.create({ data: { id: newId("membership"), orgId: (await seedOrg(db)).id, userId: member.user.id, role: "owner" } });
    const [ownerBrowser, memberBrowser] = [await signedIn(owner.user.email), await signedIn(member.user.email)];
    expect((await memberBrowser.fetch("/api/console/orgs")).status).toBe(200);

    expect((await ownerBrowser.fetch(`/api/console/team/members/${member.membership.id}`, { method: "DELETE" })).status).toBe(204);

    expect((await memberBrowser.fetch("/api/console/orgs")).status).toBe(401);
    expect(await sessionOf(memberBrowser)).toEqual({});
    expect((await ownerBrowser.fetch("/api/console/team")).status).toBe(200);
  });
});
