import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { seedMember, seedOrg } from "@/lib/seed/factories";
import { PASSWORD } from "../support/accounts";
import { baseUrl, Browser } from "../support/http";
import { until } from "../support/wait";

const kind = inject("dbKind");
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => db.$disconnect());

/** The owner of a new organization, who signs in with PASSWORD. */
async function seedPerson() {
  return (await seedMember(db, (await seedOrg(db)).id, { role: "owner", passwordHash })).user;
}

/** Posts a wrong password to next-auth's credentials callback in a body of the given shape. */
async function postWrongPassword(browser: Browser, shape: (csrfToken: string) => { contentType: string; body: string }) {
  const { csrfToken } = await (await browser.fetch("/api/auth/csrf")).json();
  const { contentType, body } = shape(csrfToken);
  return browser.fetch("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": contentType }, body });
}

describe(`sign-in throttling on ${kind}`, () => {
  const shapes = {
    "a JSON body": (email: string) => (csrfToken: string) => ({
      contentType: "application/json",
      body: JSON.stringify({ csrfToken, email, password: "wrong password", json: "true" }),
    }),
    // next-auth reads the last `email`; a check that reads the first one sees someone else.
    "a repeated email field": (email: string) => (csrfToken: string) => ({
      contentType: "application/x-www-form-urlencoded",
      body: `${new URLSearchParams({ csrfToken, email: `decoy-${Date.now()}@example.com` })}&${new URLSearchParams({ email, password: "wrong password", json: "true" })}`,
    }),
  };

  for (const [name, shape] of Object.entries(shapes)) {
    it(`answers the 11th wrong password sent as ${name} with 429`, async () => {
      const user = await seedPerson();
      const browser = new Browser();
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await postWrongPassword(browser, shape(user.email))).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      const locked = await browser.login(user.email, PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await locked.json()).toMatchObject({
        code: "rate_limited",
        detail: expect.stringMatching(/Too many/),
        url: expect.stringContaining("error=RateLimited"),
      });
    });
  }
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe(`failed sign-ins on ${kind}`, () => {
  it("spend as long on a wrong password for an unknown email as for a real account", async () => {
    const user = await seedPerson();
    // One browser (one address) per group, so no group nears the per-address limit.
    const groups = { real: new Browser(), unknown: new Browser(), malformed: new Browser() };
    const emails = { real: () => user.email, unknown: () => `nobody-${Math.random().toString(36).slice(2)}@example.com`, malformed: () => "not an email" };
    const times = { real: [] as number[], unknown: [] as number[], malformed: [] as number[] };
    let audited = 0;
    const attempt = async (group: keyof typeof groups) => {
      const started = performance.now();
      expect((await groups[group].login(emails[group](), "not the password")).status).toBe(401);
      const took = performance.now() - started;
      // A real account's failure is audited once the answer has gone out; that work must
      // not run into the next attempt's time.
      if (group === "real") {
        audited += 1;
        await until(
          async () => (await db.auditEvent.count({ where: { action: "login.failed", targetId: user.id } })) === audited,
          "the failed sign-in's audit entry",
        );
      }
      return took;
    };
    await attempt("unknown");
    for (let i = 0; i < 7; i++) for (const group of ["real", "unknown", "malformed"] as const) times[group].push(await attempt(group));
    // A malformed email is refused before any lookup: what every sign-in costs besides the checking.
    const checking = (group: "real" | "unknown") => median(times[group]) - median(times.malformed);
    expect(checking("unknown"), JSON.stringify(times)).toBeGreaterThanOrEqual(0.6 * checking("real"));
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
