import { expect, test } from "@playwright/test";
import { startReceiver } from "../../tests/support/receiver";
import { signUpOwner } from "../apps/helpers";
import { apiWithKey, jsonAnswer, post } from "../delivery-logs/support";

// For people to look at (PIGEON_SCREENSHOTS=1): the overview of the organization and of an
// application, with a disabled endpoint, failures and successes, at 1440 px and 390 px.
test("overview screenshots", async ({ page, baseURL }) => {
  const good = await startReceiver(jsonAnswer(200, { ok: true }));
  const bad = await startReceiver(jsonAnswer(503, { error: "maintenance" }));
  try {
    await signUpOwner(page, "Shay");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Storefront" });
    await post(client, `/api/v1/app/${app.id}/endpoint`, { url: good.url("/orders"), description: "Orders" });
    const broken = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url: bad.url("/crm"), description: "CRM sync" });
    for (let i = 0; i < 12; i++)
      await post(client, `/api/v1/app/${app.id}/msg`, { eventType: i % 3 ? "order.paid" : "order.created", payload: { orderId: `ord_${i}` } });
    await expect.poll(() => good.received.length + bad.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(24);
    await client.patch(`/api/v1/app/${app.id}/endpoint/${broken.id}`, { data: { disabled: true } });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [width, height] of [
        [1440, 1000],
        [390, 844],
      ] as const) {
        await page.setViewportSize({ width, height });
        for (const [name, path] of [
          ["org", "/dashboard"],
          ["app", `/apps/${app.id}`],
        ] as const) {
          await page.goto(path);
          await expect(page.getByText(/Disabled by an API key/).first()).toBeVisible({ timeout: 15_000 });
          await page.waitForTimeout(500);
          await page.screenshot({ path: `.test-reports/screenshots/overview-${name}-${width}-${scheme}.png`, fullPage: true });
        }
      }
    }
  } finally {
    await good.close();
    await bad.close();
  }
});
