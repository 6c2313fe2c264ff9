import path from "node:path";
import { expect, test } from "@playwright/test";
import { signUpOwner } from "../apps/helpers";
import { startReceiver } from "../../tests/support/receiver";
import { apiWithKey, jsonAnswer, post, seedEndpointStats, seedExhaustedDeliveries } from "./support";

// Screenshots of the delivery-log pages with realistic data, for a human to look at
// (written to .test-reports/screenshots); the test checks only that the pages render.
// Not part of `npm test`: run it on request with
//
//   PIGEON_SCREENSHOTS=1 npm run test:e2e
//
// (playwright.config.ts leaves this file out unless PIGEON_SCREENSHOTS is set).
const shots = path.join(".test-reports", "screenshots");

test("delivery-log pages with realistic data", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const erp = await startReceiver(jsonAnswer(200, { received: true }));
  const crm = await startReceiver(jsonAnswer(503, { error: "maintenance", retryable: true }));
  try {
    await signUpOwner(page, "Sam");
    const client = await apiWithKey(page, baseURL!);
    const catalogue = [
      {
        name: "order.created",
        description: "An order was placed",
        example: {
          orderId: "ord_1042",
          customer: { id: "cus_77", email: "jo@example.com" },
          items: [{ sku: "TSHIRT-M", qty: 2, price: 1900 }],
          total: 3800,
          currency: "EUR",
        },
      },
      { name: "invoice.paid", description: "An invoice was paid in full", example: { invoiceId: "in_311", amount: 4200, paidAt: "2026-03-01T10:00:00Z" } },
      { name: "customer.updated", description: "A customer changed their details", example: { customerId: "cus_77", changes: ["email"] } },
    ];
    for (const eventType of catalogue) await post(client, "/api/v1/event-type", eventType);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Acme Store" });
    const erpEndpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url: erp.url("/webhooks"), description: "ERP order sync" });
    await post(client, `/api/v1/app/${app.id}/endpoint`, { url: crm.url("/webhooks"), description: "CRM", eventTypes: ["customer.updated", "order.created"] });

    await seedExhaustedDeliveries(
      app.id,
      erpEndpoint.id,
      erp.url("/webhooks"),
      [3, 2.5, 2].map((days) => new Date(Date.now() - days * 86_400_000)),
    );
    await seedEndpointStats(erpEndpoint.id, 24 * 7, (h) => [20 + ((h * 37) % 45), h % 9 === 4 ? 6 + (h % 5) : h % 13 === 0 ? 2 : 0]);

    let firstCrmMessage = "";
    for (let i = 0; i < 14; i++) {
      const type = catalogue[i % 3]!;
      const message = await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, {
        eventType: type.name,
        eventId: `evt_${type.name.split(".")[0]}_${2000 + i}`,
        payload: type.example,
      });
      if (!firstCrmMessage && type.name === "order.created") firstCrmMessage = message.id;
    }
    await expect.poll(() => erp.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(14);
    await expect.poll(() => crm.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(10);

    await page.goto(`/apps/${app.id}/messages`);
    await expect(page.getByRole("row", { name: /order\.created/ }).first()).toBeVisible();
    await page
      .getByRole("row", { name: /order\.created/ })
      .first()
      .getByRole("img")
      .last()
      .hover();
    await expect(page.getByRole("tooltip")).toBeVisible();
    await page.screenshot({ path: path.join(shots, "message-log.png"), fullPage: true });

    await page.goto(`/apps/${app.id}/messages/${firstCrmMessage}`);
    await expect(page.getByRole("article").first()).toBeVisible();
    await page
      .getByRole("article")
      .first()
      .getByText(/Request headers/)
      .click();
    await page.screenshot({ path: path.join(shots, "message-page.png"), fullPage: true });

    await page.goto(`/apps/${app.id}/endpoints/${erpEndpoint.id}`);
    await expect(
      page
        .getByRole("img", { name: /Successful and failed attempts/ })
        .locator("svg")
        .first(),
    ).toBeVisible();
    await page.screenshot({ path: path.join(shots, "endpoint-page.png"), fullPage: true });
    await page.getByRole("radio", { name: "7 days" }).click();
    // The axis shows weekdays once the week's series is drawn.
    await expect(page.getByText(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d$/).first()).toBeVisible();
    await page.getByRole("heading", { name: "Delivery" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, "endpoint-chart-7d.png") });

    await page.getByRole("button", { name: "Send test event" }).click();
    const dialog = page.getByRole("dialog", { name: "Send a test event" });
    await dialog.getByLabel("Event type").fill("order.created");
    await expect(dialog.getByLabel("Payload (JSON)")).toHaveValue(/ord_1042/);
    await page.screenshot({ path: path.join(shots, "send-test-dialog.png") });
    await dialog.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event sent")).toBeVisible();
    await page.screenshot({ path: path.join(shots, "send-test-toast.png") });

    await page.getByRole("button", { name: "Recover failed…" }).click();
    const recover = page.getByRole("dialog", { name: "Recover failed messages" });
    await recover.getByRole("button", { name: "Last 7 days" }).click();
    await recover.getByRole("button", { name: "Recover messages" }).click();
    await expect(recover).toContainText("Recovered 3 of 3 messages");
    // Transitions (the bar's, the button's) shown finished, for an honest picture.
    await page.screenshot({ path: path.join(shots, "recover-dialog.png"), animations: "disabled" });
    await client.dispose();
  } finally {
    await erp.close();
    await crm.close();
  }
});
