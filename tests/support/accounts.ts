import { Webhook } from "standardwebhooks";
import { expect } from "vitest";
import { Browser } from "./http";

/** The password every test account signs in with. */
export const PASSWORD = "correct horse battery staple";

/** An email no other test uses. */
export const uniqueEmail = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;

/** Whether a received webhook verifies with `secret` (Standard Webhooks). */
export function verifies(secret: string, received: { headers: Record<string, string>; body: string }): boolean {
  try {
    new Webhook(secret).verify(received.body, received.headers);
    return true;
  } catch {
    return false;
  }
}

/**
 * A person who signed up through the console (with an organization of their own, which they
 * own) and is signed in in `browser`.
 */
export async function signedInOwner(browser = new Browser()) {
  const email = uniqueEmail("owner");
  const signup = await browser.json("/api/console/signup", "POST", { name: "Owner", email, password: PASSWORD, organizationName: `Org of ${email}` });
  expect(signup.status, await signup.clone().text()).toBe(201);
  expect((await browser.login(email, PASSWORD)).status).toBe(200);
  const { userId, orgId } = (await signup.json()) as { userId: string; orgId: string };
  return { browser, email, userId, orgId };
}
