import { expect, test } from "@playwright/test";
import type { RunningServer } from "../../tests/support/server";
import type { SmtpSink } from "../../tests/support/smtp-sink";
import { startServerWithEmail, type ServerWithEmail } from "../support/server-with-email";
import { PASSWORD, signUp, uniqueEmail } from "../support/accounts";

test("change the name and the email on the profile; the user menu shows them at once", async ({ page }) => {
  const email = uniqueEmail("ada");
  await signUp(page, { name: "Ada", email, org: `Profile Co ${Date.now()}` });
  const menu = page.getByRole("button", { name: "Account menu" });
  await menu.click();
  await page.getByRole("menuitem", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();

  await page.getByLabel("Name").fill("");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name is required")).toBeVisible();
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name saved")).toBeVisible();
  await expect(menu).toContainText("Ada Lovelace");

  const newEmail = uniqueEmail("countess");
  await page.getByLabel("Email", { exact: true }).fill("not-an-email");
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(newEmail);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText("Current password is required")).toBeVisible();
  await page.locator("#profile-email-password").fill("not my password");
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText("Current password is incorrect")).toBeVisible();
  await page.locator("#profile-email-password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText(`You now sign in as ${newEmail}`)).toBeVisible();
  await expect(page.getByText(`Signed in as ${newEmail}.`)).toBeVisible();
  await menu.click();
  await expect(page.getByRole("menu")).toContainText(newEmail);
  await page.keyboard.press("Escape");

  // Still signed in after a reload, as the same person under the new address.
  await page.reload();
  await expect(menu).toContainText("Ada Lovelace");
  await expect(page.getByText(`Signed in as ${newEmail}.`)).toBeVisible();
});

test("without email (no SMTP_URL) sign-in offers no reset link, and the reset page says to ask an admin", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Forgot password?" })).toHaveCount(0);
  await page.goto("/forgot-password");
  await expect(page.getByText("Ask an admin of your organization")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send reset link" })).toHaveCount(0);
});

// With a server that can send email (startServerWithEmail).
test.describe("forgot password by email", () => {
  let running: ServerWithEmail;
  let smtp: SmtpSink;
  let server: RunningServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    running = await startServerWithEmail();
    ({ smtp, server } = running);
  });

  test.afterAll(async () => running?.stop());

  test("a link by email sets a new password once; the token leaves the address bar", async ({ page }) => {
    const email = uniqueEmail("grace");
    const signup = await page.request.post(`${server.url}/api/console/signup`, { data: { name: "Grace", email, password: PASSWORD } });
    expect(signup.status()).toBe(201);

    await page.goto(`${server.url}/login`);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByText("If an account uses that address, we sent it a link")).toBeVisible();

    await expect.poll(() => smtp.to(email).length).toBe(1);
    const link = /(http:\/\/\S+\/reset-password\?token=pwr_[\w-]+)/.exec(smtp.to(email)[0]!.text)![1]!;
    // The email's link is built from PUBLIC_URL, which this server takes from where it listens.
    expect(link.startsWith(`${server.url}/reset-password?token=`)).toBe(true);
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await expect(page).toHaveURL(`${server.url}/reset-password`);

    await page.getByLabel("New password", { exact: true }).fill("a brand new password");
    await page.getByLabel("Confirm new password").fill("something else entirely");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText("Passwords do not match")).toBeVisible();
    await page.getByLabel("Confirm new password").fill("a brand new password");
    await page.getByRole("button", { name: "Set new password" }).click();

    await expect(page).toHaveURL(/\/login\?notice=password-reset$/);
    await expect(page.getByText("Password changed. Sign in with your new password.")).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a brand new password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    // The link worked once.
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/forgot-password");
  });
});
