import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { seedMember, seedOrg } from "@/lib/seed/factories";
import { userForOAuth } from "@/lib/users/sign-in-with-oauth";

const kind = inject("dbKind");
const newEmail = () => `oauth-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;

// GitHub's API as far as sign-in uses it: GET /user/emails answers for the token's owner.
const githubEmails = new Map<string, { email: string; verified: boolean; primary: boolean }[]>();
const githubCalls: string[] = [];
let github: Server;
let githubApi: string;

beforeAll(async () => {
  github = createServer((request, response) => {
    const token = request.headers.authorization?.replace(/^(Bearer|token) /, "") ?? "";
    githubCalls.push(`${request.method} ${request.url} ${token}`);
    const emails = request.method === "GET" && request.url === "/user/emails" ? githubEmails.get(token) : undefined;
    response.writeHead(emails ? 200 : 401, { "content-type": "application/json" });
    response.end(JSON.stringify(emails ?? { message: "Bad credentials" }));
  });
  await new Promise<void>((resolve) => github.listen(0, "127.0.0.1", resolve));
  githubApi = `http://127.0.0.1:${(github.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => github.close(resolve));
  await db.$disconnect();
});

async function existingUser() {
  const { user } = await seedMember(db, (await seedOrg(db)).id, { role: "owner" });
  return user;
}

describe(`OAuth sign-in on ${kind}`, () => {
  it("links a Google sign-in to an account, or creates one, only when Google verified the email", async () => {
    const user = await existingUser();
    const google = (email: string, verified: boolean) => ({ provider: "google", email, name: "G", profile: { email, email_verified: verified } });

    expect(await userForOAuth(google(user.email, false))).toBeNull();
    const stranger = newEmail();
    expect(await userForOAuth(google(stranger, false))).toBeNull();
    expect(await db.user.count({ where: { email: stranger } })).toBe(0);

    expect(await userForOAuth(google(user.email, true))).toBe(user.id);
    const created = await userForOAuth(google(stranger, true));
    expect(created).toBe((await db.user.findUniqueOrThrow({ where: { email: stranger } })).id);
  });

  it("links a GitHub sign-in only when GitHub lists that email as verified", async () => {
    const user = await existingUser();
    const stranger = newEmail();
    githubEmails.set("unverified-token", [
      { email: user.email, verified: false, primary: true },
      { email: stranger, verified: false, primary: false },
    ]);
    githubEmails.set("other-verified-token", [{ email: newEmail(), verified: true, primary: true }]);
    githubEmails.set("verified-token", [{ email: user.email.toUpperCase(), verified: true, primary: true }]);
    const signIn = (email: string, accessToken: string) => userForOAuth({ provider: "github", email, name: "H", accessToken }, { githubApi });

    expect(await signIn(user.email, "unverified-token")).toBeNull();
    expect(await signIn(stranger, "unverified-token")).toBeNull();
    expect(await signIn(user.email, "other-verified-token")).toBeNull();
    expect(await signIn(user.email, "revoked-token")).toBeNull();
    expect(await db.user.count({ where: { email: stranger } })).toBe(0);
    expect(githubCalls).toContain("GET /user/emails unverified-token");

    expect(await signIn(user.email, "verified-token")).toBe(user.id);
  });
});
