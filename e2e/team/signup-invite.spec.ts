import { expect, test } from "@playwright/test";
import { PASSWORD, signUp, uniqueEmail } from "../support/accounts";

test("sign up, create an API key shown once, invite a teammate who joins with the given role", async ({ page, browser, baseURL }) => {
  const org = `Acme ${Date.now()}`;
  await signUp(page, { name: "Ada Owner", email: uniqueEmail("ada"), org });

  // An API key is shown once, then only its prefix.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByLabel("Name").fill("Production backend");
  await page.getByRole("button", { name: "Create key" }).click();
  const keyField = page.getByLabel("New API key", { exact: true });
  await expect(keyField).toHaveValue(/^pgn_[A-Za-z0-9_-]{40,}$/);
  const key = await keyField.inputValue();
  await page.getByRole("button", { name: "I have stored it" }).click();
  const row = page.getByRole("row", { name: /Production backend/ });
  await expect(row).toContainText(`${key.slice(0, 10)}…`);
  await expect(page.getByText(key)).toHaveCount(0);

  // The key authenticates API calls for this organization.
  const viaKey = await page.request.get(`${baseURL}/api/console/team`, { headers: { authorization: `Bearer ${key}` } });
  expect(viaKey.status()).toBe(200);

  // Invite a teammate as viewer.
  const mateEmail = uniqueEmail("grace");
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Team" }).click();
  await page.getByRole("button", { name: "Invite teammate" }).click();
  await page.getByLabel("Email").fill(mateEmail);
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/inv_/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row", { name: new RegExp(mateEmail) })).toContainText("viewer");

  // The teammate accepts in a separate browser context (signed out).
  const mate = await browser.newContext();
  const matePage = await mate.newPage();
  await matePage.goto(link);
  await expect(matePage.getByRole("heading", { name: `Join ${org} on Pigeon` })).toBeVisible();
  await matePage.getByRole("link", { name: "Create your account" }).click();
  await matePage.getByLabel("Your name").fill("Grace Viewer");
  await expect(matePage.getByLabel("Work email")).toHaveValue(mateEmail);
  await matePage.getByLabel("Password").fill(PASSWORD);
  await matePage.getByRole("button", { name: `Create account and join ${org}` }).click();
  await expect(matePage).toHaveURL(/\/dashboard$/);
  await expect(matePage.getByRole("button", { name: "Switch organization" })).toContainText(org);
  await expect(matePage.getByRole("button", { name: "Account menu" })).toContainText("viewer");
  // A viewer neither sees nor may use admin pages.
  await expect(matePage.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "API keys" })).toHaveCount(0);
  expect((await matePage.request.get(`${baseURL}/api/console/api-keys`)).status()).toBe(403);
  await matePage.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Team" }).click();
  await expect(matePage.getByRole("row", { name: /Ada Owner/ })).toContainText("owner");
  await expect(matePage.getByRole("button", { name: "Invite teammate" })).toHaveCount(0);

  // The link works once.
  await matePage.goto(link);
  await expect(matePage.getByText("This invitation has already been used.")).toBeVisible();
  await mate.close();
});

test("sign in and out, with a readable error for a wrong password", async ({ page }) => {
  const email = uniqueEmail("lin");
  await signUp(page, { name: "Lin", email, org: "Lin Co" });
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("after ten wrong passwords the sign-in form asks to wait", async ({ browser, page }) => {
  const email = uniqueEmail("lee");
  await signUp(page, { name: "Lee", email, org: "Lee Co" });
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto("/login");
  await stranger.getByLabel("Email").fill(email);
  for (let i = 0; i < 11; i++) {
    await stranger.getByLabel("Password").fill(`wrong password ${i}`);
    const answered = stranger.waitForResponse((r) => r.url().endsWith("/api/auth/callback/credentials"));
    await stranger.getByRole("button", { name: "Sign in" }).click();
    expect((await answered).status()).toBe(i < 10 ? 401 : 429);
  }
  await expect(stranger.getByText("Too many failed sign-in attempts for this account. Wait a minute, then try again.")).toBeVisible();
  await stranger.context().close();
});
