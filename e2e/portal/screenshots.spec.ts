import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { api, signUpOwner } from "../apps/helpers";
import { apiWithKey, e2eDb, jsonAnswer, post, seedEndpointStats } from "../delivery-logs/support";
import { startReceiver } from "../../tests/support/receiver";
import { portalLink } from "./support";

// Screenshots of the customer portal with realistic data, for a human to look at (written
// to .test-reports/screenshots/portal-*.png): wide light, wide dark, and a phone's width,
// where nothing may scroll sideways. Only with PIGEON_SCREENSHOTS=1, like the others.
const shots = path.join(".test-reports", "screenshots");
// A small inline logo, as an organization may set one.
const LOGO =
  "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSI5NiIgaGVpZ2h0PSIzMiIgdmlld0JveD0iMCAwIDk2IDMyIj48cmVjdCB3aWR0aD0iMzIiIGhlaWdodD0iMzIiIHJ4PSI4IiBmaWxsPSIjMGY3NjZlIi8+PHBhdGggZD0iTTkgMjJWMTBsNyA4IDctOHYxMiIgc3Ryb2tlPSIjZmZmIiBzdHJva2Utd2lkdGg9IjMiIGZpbGw9Im5vbmUiIHN0cm9rZS1saW5lam9pbj0icm91bmQiLz48dGV4dCB4PSI0MCIgeT0iMjIiIGZvbnQtZmFtaWx5PSJzYW5zLXNlcmlmIiBmb250LXNpemU9IjE2IiBmb250LXdlaWdodD0iNzAwIiBmaWxsPSIjMGY3NjZlIj5OV1A8L3RleHQ+PC9zdmc+";

async function noSidewaysScroll(page: Page) {
  const { overflow, wide } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // What reaches past the right edge (some of it may be clipped by a scroller), to say where to look.
    const past = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1);
    return {
      overflow: document.documentElement.scrollWidth - width,
      wide: past.slice(0, 8).map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)}`),
    };
  });
  expect(overflow, `${page.url()} scrolls sideways; past the edge: ${wide.join(" | ")}`).toBeLessThanOrEqual(0);
}

test("customer portal pages, light, dark and narrow", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const ok = await startReceiver(jsonAnswer(200, { received: true }));
  const failing = await startReceiver(jsonAnswer(503, { error: "maintenance" }));
  try {
    await signUpOwner(page, "Sol");
    const client = await apiWithKey(page, baseURL!);
    await api(page.request, "PATCH", "/api/console/settings", { portal: { displayName: "Northwind Payments", primaryColor: "#0f766e", logoUrl: LOGO } });
    const catalogue = [
      {
        name: "payment.succeeded",
        description: "A payment was captured",
        schemas: {
          "1": {
            type: "object",
            required: ["paymentId", "amount"],
            properties: { paymentId: { type: "string" }, amount: { type: "integer" }, currency: { type: "string" } },
            examples: [{ paymentId: "pay_8812", amount: 12900, currency: "EUR" }],
          },
        },
      },
      { name: "payment.refunded", description: "A payment was refunded, in part or in full", example: { paymentId: "pay_8812", refunded: 2900 } },
      { name: "payout.paid", description: "A payout reached the bank account", example: { payoutId: "po_301", amount: 480000 } },
    ];
    for (const eventType of catalogue) await post(client, "/api/v1/event-type", eventType);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Contoso Ltd" });
    const good = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, {
      url: ok.url("/webhooks/northwind"),
      description: "Ledger",
      eventTypes: ["payment.succeeded", "payment.refunded"],
    });
    const bad = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url: failing.url("/hooks"), description: "Old reconciliation job" });
    await seedEndpointStats(good.id, 24, (h) => [30 + ((h * 37) % 40), h % 7 === 3 ? 4 : 0]);
    let messageId = "";
    for (let i = 0; i < 9; i++) {
      const type = catalogue[i % 3]!;
      const message = await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, {
        eventType: type.name,
        eventId: `evt_${3000 + i}`,
        payload: { paymentId: `pay_${8800 + i}`, amount: 1000 + i * 250 },
      });
      if (i === 0) messageId = message.id;
    }
    await expect.poll(() => ok.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    const db = e2eDb();
    await db.endpoint.update({
      where: { id: bad.id },
      data: { disabled: true, disabledReason: "automatic", disabledDetail: "97% of 64 attempts failed in the last 24 hours", disabledAt: new Date() },
    });
    await db.$disconnect();

    for (const variant of [
      { name: "light", width: 1440, query: "?theme=light" },
      { name: "dark", width: 1440, query: "?theme=dark" },
      { name: "narrow", width: 390, query: "?theme=light" },
    ]) {
      const link = await portalLink(client, app.id);
      const context = await browser.newContext({ viewport: { width: variant.width, height: 900 } });
      const customer = await context.newPage();
      await customer.goto(link.url.replace("#", `${variant.query}#`));
      await expect(customer.getByRole("heading", { level: 1, name: "Endpoints" })).toBeVisible();
      await expect(customer.getByRole("link", { name: ok.url("/webhooks/northwind") })).toBeVisible();
      await noSidewaysScroll(customer);
      await customer.screenshot({ path: path.join(shots, `portal-${variant.name}-endpoints.png`), fullPage: true });

      await customer.goto(`/portal/${app.id}/endpoints/${good.id}`);
      await expect(
        customer
          .getByRole("img", { name: /Successful and failed attempts/ })
          .locator("svg")
          .first(),
      ).toBeVisible();
      await noSidewaysScroll(customer);
      await customer.screenshot({ path: path.join(shots, `portal-${variant.name}-endpoint.png`), fullPage: true });
      for (const tab of ["attempts", "settings"]) {
        await customer.goto(`/portal/${app.id}/endpoints/${good.id}?tab=${tab}`);
        await expect(customer.getByRole("tab", { selected: true })).toHaveText(tab === "attempts" ? "Attempts" : "Settings");
        await expect(customer.getByRole("tabpanel").getByRole("heading").first()).toBeVisible();
        await noSidewaysScroll(customer);
        await customer.screenshot({ path: path.join(shots, `portal-${variant.name}-endpoint-${tab}.png`), fullPage: true });
      }

      await customer.goto(`/portal/${app.id}/endpoints/${bad.id}`);
      await expect(customer.getByRole("alert", { name: "Endpoint disabled" })).toBeVisible();
      await customer.screenshot({ path: path.join(shots, `portal-${variant.name}-disabled.png`) });

      await customer.goto(`/portal/${app.id}/messages`);
      await expect(customer.getByRole("row", { name: /payment\.succeeded/ }).first()).toBeVisible();
      await noSidewaysScroll(customer);
      await customer.screenshot({ path: path.join(shots, `portal-${variant.name}-messages.png`), fullPage: true });

      await customer.goto(`/portal/${app.id}/messages/${messageId}`);
      await expect(customer.getByRole("article").first()).toBeVisible();
      await noSidewaysScroll(customer);
      await customer.screenshot({ path: path.join(shots, `portal-${variant.name}-message.png`), fullPage: true });

      await customer.goto(`/portal/${app.id}/event-types`);
      await customer.getByRole("button", { name: "Show example payload of payment.succeeded" }).click();
      await noSidewaysScroll(customer);
      await customer.screenshot({ path: path.join(shots, `portal-${variant.name}-catalogue.png`), fullPage: true });

      await customer.goto(`/portal/${app.id}/endpoints/new`);
      await expect(customer.getByLabel("Endpoint URL")).toBeVisible();
      await noSidewaysScroll(customer);
      await customer.screenshot({ path: path.join(shots, `portal-${variant.name}-new-endpoint.png`), fullPage: true });
      await context.close();
    }

    const expired = await browser.newPage();
    await expired.goto(`/portal/${app.id}`);
    await expect(expired.getByRole("heading", { name: /expired or was revoked/ })).toBeVisible();
    await expired.screenshot({ path: path.join(shots, "portal-expired.png") });
    await expired.close();

    await page.goto(`/apps/${app.id}`);
    await expect(page.getByRole("heading", { name: "Customer portal" })).toBeVisible();
    await page.screenshot({ path: path.join(shots, "console-app-portal.png"), fullPage: true });
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Customer portal" })).toBeVisible();
    await page.getByRole("heading", { name: "Customer portal" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, "console-settings-portal.png") });
    await client.dispose();
  } finally {
    await ok.close();
    await failing.close();
  }
});
