import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { seedMember, seedOrg } from "@/lib/seed/factories";
import { baseUrl, Browser } from "../support/http";

const kind = inject("dbKind");
const PASSWORD = "correct horse battery staple";
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => db.$disconnect());

/** The owner of a new organization, who signs in with PASSWORD. */
async function seedPerson() {
  return (await seedMember(db, (await seedOrg(db)).id, { role: "owner", passwordHash })).user;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe(`failed sign-ins on ${kind}`, () => {
  it("spend as long on a wrong password for an unknown email as for a real account", async () => {
    const user = await seedPerson();
    // One browser (one address) per group, so neither group nears the per-address limit.
    const [real, unknown] = [new Browser(), new Browser()];
    const timed = async (browser: Browser, email: string) => {
      const started = performance.now();
      expect((await browser.login(email, "not the password")).status).toBe(401);
      return performance.now() - started;
    };
    const nobody = () => `nobody-${Math.random().toString(36).slice(2)}@example.com`;
    await timed(unknown, nobody());
    const times = { real: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 5; i++) {
      times.real.push(await timed(real, user.email));
      times.unknown.push(await timed(unknown, nobody()));
    }
    expect(median(times.unknown), JSON.stringify(times)).toBeGreaterThanOrEqual(0.6 * median(times.real));
  });
});

describe(`where sign-in leads on ${kind}`, () => {
  it("follows only same-origin callback URLs once signed in", async () => {
    const user = await seedPerson();
    const browser = new Browser();
    expect((await browser.login(user.email, PASSWORD)).status).toBe(200);
    const origin = new URL(baseUrl()).origin;
    for (const callbackUrl of ["/\\evil.example", "//evil.example", "/\t/evil.example", "https://evil.example/", "/.//evil.example"]) {
      const response = await browser.fetch(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      expect(response.status, callbackUrl).toBeGreaterThanOrEqual(300);
      const target = new URL(response.headers.get("location")!, baseUrl());
      expect(target.origin, callbackUrl).toBe(origin);
    }
    const kept = await browser.fetch(`/login?callbackUrl=${encodeURIComponent("/settings?tab=team")}`);
    expect(kept.headers.get("location")).toMatch(/\/settings\?tab=team$/);
  });
});
