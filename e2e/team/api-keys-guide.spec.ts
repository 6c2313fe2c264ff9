import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "../support/accounts";

// The API keys page says how to send messages: one with the svix SDK, up to 500 in one
// request with curl or fetch, with this console's own address.
test("the API keys page shows how to send one message or a batch, with this server's address", async ({ page, baseURL }) => {
  await signUp(page, { name: "Guide Reader", email: uniqueEmail("guide"), org: "Guide Org" });
  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { name: "Send messages" })).toBeVisible();
  const batch = page.getByRole("region", { name: "Up to 500 messages in one request (curl)" });
  await expect(batch).toContainText(`${baseURL}/api/v1/app/app_…/msg/batch`);
  await expect(batch).toContainText("Idempotency-Key");
  await expect(page.getByRole("region", { name: "Up to 500 messages in one request (fetch)" })).toContainText("207");
  await expect(page.getByRole("region", { name: "One message (svix SDK)" })).toContainText(`serverUrl: "${baseURL}"`);
  // Long lines scroll inside their own box, not the page.
  expect(await batch.locator("pre").evaluate((el) => getComputedStyle(el).overflowX)).toBe("auto");
  await page.screenshot({ path: test.info().outputPath("api-keys.png"), fullPage: true });
});
