import { expect, test } from "@playwright/test";

test("a signed-out visitor sees what Pigeon is and that it is up", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Pigeon");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Webhooks, delivered");
  await expect(page.getByText("All systems operational")).toBeVisible();
  for (const part of ["Failures and retries", "Security", "Firewalls", "Noise"]) {
    await expect(page.getByRole("heading", { name: part })).toBeVisible();
  }
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API" }).click();
  await expect(page).toHaveURL(/#api$/);
});

test("an unknown page says so and offers a way home", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await page.getByRole("link", { name: "Go home" }).click();
  await expect(page).toHaveURL(/\/$/);
});
