import { expect, test } from "@playwright/test";
import { signUpOwner } from "../apps/helpers";
import { apiWithKey, post } from "../delivery-logs/support";

// When the server cannot be reached, the console keeps what it showed: the message log's
// rows stay, a quiet banner says the refresh failed and since when they are, with Retry.

test("an unreachable server keeps the loaded rows on screen, says so, and Retry brings them back up to date", async ({ page, baseURL }) => {
  await signUpOwner(page, "Ursa");
  const client = await apiWithKey(page, baseURL!);
  const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Flaky network" });
  await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "net.check", payload: { n: 1 } });

  await page.goto(`/apps/${app.id}/messages`);
  const row = page.getByRole("row", { name: /net\.check/ });
  await expect(row).toBeVisible();

  // The network goes away: the live refresh fails, the row stays.
  await page.route("**/api/**", (route) => route.abort("internetdisconnected"));
  const banner = page.getByRole("status").filter({ hasText: "Could not refresh" });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText("Pigeon cannot be reached");
  await expect(row).toBeVisible();
  await expect(page.getByText("Failed to fetch")).toHaveCount(0);

  await page.unroute("**/api/**");
  await banner.getByRole("button", { name: "Retry" }).click();
  await expect(banner).toHaveCount(0);
  await expect(row).toBeVisible();
  await client.dispose();
});
