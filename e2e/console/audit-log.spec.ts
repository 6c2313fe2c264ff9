import { expect, type Page, test } from "@playwright/test";
import { api, signUpOwner } from "../apps/helpers";
import { apiWithKey, post } from "../delivery-logs/support";
import { uniqueEmail } from "../support/accounts";

async function pageWidth(page: Page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
}

// Each row's sentence is there twice (a phone's stacked row, a wide screen's column): look at the one shown.
const shown = (page: Page, text: string | RegExp) => page.getByText(text).filter({ visible: true }).first();

// The audit log tells what people did as sentences that link to the objects, filtered by
// action (kept in the URL), without sideways scrolling on a wide screen or a phone.
test("the audit log filters by action and links its sentences to the objects", async ({ page, baseURL }) => {
  await signUpOwner(page, "Audra");

  // Create an API key and revoke it, through the page.
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByLabel("Name").fill("CI deploy");
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("button", { name: "I have stored it" }).click();
  await page.getByRole("button", { name: "Revoke CI deploy" }).click();
  await page.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /CI deploy/ })).toContainText("revoked");

  // Invite a teammate, and make an endpoint with a long address.
  const mate = uniqueEmail("grace");
  await api(page.request, "POST", "/api/console/team/invitations", { email: mate, role: "developer" });
  const client = await apiWithKey(page, baseURL!);
  const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Billing" });
  const longUrl = `http://127.0.0.1:9/webhooks/billing/${"very-long-segment-".repeat(8)}end?token=${"x".repeat(60)}`;
  await post(client, `/api/v1/app/${app.id}/endpoint`, { url: longUrl });

  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(shown(page, `Invited ${mate} as developer`)).toBeVisible();
  await expect(shown(page, "Created endpoint")).toBeVisible();
  await expect(page.getByText(/\{|\}/)).toHaveCount(0);

  // Filter by action: only the revocation, as a sentence with a working link.
  await page.getByLabel("Action").selectOption("api_key.revoked");
  await expect(page).toHaveURL(/action=api_key\.revoked/);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("API key revoked");
  await expect(rows.first()).toContainText("Revoked API key “CI deploy”");
  await page.reload();
  await expect(page.getByLabel("Action")).toHaveValue("api_key.revoked");
  await rows.first().getByRole("link", { name: "“CI deploy”" }).first().click();
  await expect(page).toHaveURL(/\/api-keys$/);
  await expect(page.getByRole("row", { name: /CI deploy/ })).toBeVisible();

  // A filter that matches nothing, and clearing it.
  await page.goto("/audit?actor=portal");
  await expect(shown(page, "No entries match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).last().click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(shown(page, "Revoked API key “CI deploy”")).toBeVisible();

  // No sideways scroll on a wide screen or a phone, light or dark.
  for (const width of [1440, 390]) {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/audit");
      await expect(shown(page, "Created endpoint")).toBeVisible();
      const { scroll, inner } = await pageWidth(page);
      expect(scroll, `${width} px ${scheme}`).toBeLessThanOrEqual(inner);
      await page.screenshot({ path: test.info().outputPath(`audit-${width}-${scheme}.png`), fullPage: true });
    }
  }
});
