import path from "node:path";
import { expect, test } from "@playwright/test";
import type { RunningServer } from "../../tests/support/server";
import type { SmtpSink } from "../../tests/support/smtp-sink";
import { startServerWithEmail, type ServerWithEmail } from "../support/server-with-email";
import { PASSWORD, uniqueEmail } from "../support/accounts";

// Screenshots of the profile and the forgot/reset password pages at a phone's width, light
// and dark, for a human to look at (.test-reports/screenshots/account-*.png). Only with
// PIGEON_SCREENSHOTS=1, like the others. Its own server, which can send email.
const shots = path.join(".test-reports", "screenshots");

let running: ServerWithEmail;
let smtp: SmtpSink;
let server: RunningServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  running = await startServerWithEmail();
  ({ smtp, server } = running);
});

test.afterAll(async () => running?.stop());

for (const scheme of ["light", "dark"] as const) {
  test(`profile, forgot and reset password at 390 px, ${scheme}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme });
    const page = await context.newPage();
    const shot = (name: string) => page.screenshot({ path: path.join(shots, `account-${name}-${scheme}.png`), fullPage: true });
    const email = uniqueEmail("ada");
    expect((await page.request.post(`${server.url}/api/console/signup`, { data: { name: "Ada Lovelace", email, password: PASSWORD } })).status()).toBe(201);

    await page.goto(`${server.url}/login`);
    await shot("login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto(`${server.url}/profile`);
    await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("countess"));
    await page.locator("#profile-email-password").fill("wrong password");
    await page.getByRole("button", { name: "Change email" }).click();
    await expect(page.getByText("Current password is incorrect")).toBeVisible();
    await shot("profile");
    await context.clearCookies();

    await page.goto(`${server.url}/forgot-password`);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByText("Email is required").or(page.getByText("Enter a valid email address"))).toBeVisible();
    await shot("forgot");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByText("If an account uses that address")).toBeVisible();
    await shot("forgot-sent");

    await expect.poll(() => smtp.to(email).length).toBe(1);
    const link = /(http:\/\/\S+\/reset-password\?token=pwr_[\w-]+)/.exec(smtp.to(email)[0]!.text)![1]!;
    await page.goto(link);
    await expect(page).toHaveURL(`${server.url}/reset-password`);
    await shot("reset");
    await page.goto(`${server.url}/reset-password?token=pwr_unknown`);
    await shot("reset-unusable");
    await page.goto(`${server.url}/login?notice=password-reset`);
    await shot("login-after-reset");
    await context.close();
  });
}
