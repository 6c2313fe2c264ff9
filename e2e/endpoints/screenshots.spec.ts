import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { api, signUpOwner } from "../apps/helpers";
import { apiWithKey, jsonAnswer, post, seedEndpointStats } from "../delivery-logs/support";
import { startReceiver } from "../../tests/support/receiver";

// Screenshots of the endpoint page's three tabs at a desktop's and a phone's width, light
// and dark, for a human to look at (written to .test-reports/screenshots); the test checks
// only that each renders without scrolling the page sideways. Not part of `npm test`: run it with
//
//   PIGEON_SCREENSHOTS=1 npx playwright test e2e/endpoints/screenshots.spec.ts
const shots = path.join(".test-reports", "screenshots");

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test("the endpoint page's tabs, wide and narrow, light and dark", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  // Orders answer 200; refunds fail with 503, so they wait for a retry.
  const receiver = await startReceiver((request) =>
    request.body.includes("refund") ? jsonAnswer(503, { error: "maintenance" }) : jsonAnswer(200, { ok: true }),
  );
  try {
    await signUpOwner(page, "Tess");
    const client = await apiWithKey(page, baseURL!);
    for (const name of ["order.created", "order.refunded", "invoice.paid"]) await post(client, "/api/v1/event-type", { name, description: `When ${name}` });
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Acme Store" });
    const endpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, {
      url: receiver.url("/webhooks/acme"),
      description: "Order sync to the ERP",
      eventTypes: ["order.created", "order.refunded"],
      channels: ["eu"],
    });
    await api(page.request, "PATCH", `/api/v1/app/${app.id}/endpoint/${endpoint.id}/headers`, { headers: { "X-Tenant": "acme" } });
    for (let i = 0; i < 5; i++)
      await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "order.created", channels: ["eu"], payload: { orderId: `ord_${1040 + i}` } });
    for (let i = 0; i < 2; i++)
      await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "order.refunded", channels: ["eu"], payload: { refund: `re_${i}` } });
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(9);
    await seedEndpointStats(endpoint.id, 24, (h) => [20 + ((h * 7) % 13), h % 5 === 0 ? 3 : 0]);

    const base = `/apps/${app.id}/endpoints/${endpoint.id}`;
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        for (const tab of ["overview", "attempts", "settings"]) {
          await page.goto(tab === "overview" ? base : `${base}?tab=${tab}`);
          await expect(page.getByRole("tab", { selected: true })).toHaveText(tab.charAt(0).toUpperCase() + tab.slice(1));
          if (tab === "overview") await expect(page.getByLabel("Deliveries by status")).toContainText("Retrying2");
          if (tab === "attempts") await expect(page.getByRole("row").filter({ hasText: "HTTP 503" }).first()).toBeVisible();
          if (tab === "settings") await expect(page.getByRole("table", { name: "Custom headers" })).toContainText("X-Tenant");
          expect(await scrollsSideways(page), `${tab} at ${width} px scrolls sideways`).toBe(false);
          await page.screenshot({ path: path.join(shots, `endpoint-tab-${tab}-${width}-${scheme}.png`), fullPage: true });
        }
      }
    }
  } finally {
    await receiver.close();
  }
});
