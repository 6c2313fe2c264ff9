import { expect, type Page, test } from "@playwright/test";
import { startReceiver } from "../../tests/support/receiver";
import { api, signUpOwner } from "../apps/helpers";
import { apiWithKey, jsonAnswer, post } from "../delivery-logs/support";

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("the overview shows a failure-rate drop and a disabled endpoint within seconds, without a reload", async ({ page, baseURL }) => {
  const receiver = await startReceiver(jsonAnswer(200, { ok: true }));
  try {
    await signUpOwner(page, "Otto");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Checkout" });
    const endpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/hooks"), description: "Orders" });
    for (let i = 0; i < 4; i++) await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "order.paid", payload: { orderId: `ord_${i}` } });
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(4);

    await page.goto("/dashboard");
    const attention = page.getByRole("list", { name: "Endpoints that need attention" });
    const figures = page.getByRole("list", { name: "Delivery figures" }).or(page.getByLabel("Delivery figures"));
    await expect(page.getByText("No endpoint is disabled or failing")).toBeVisible();
    await expect(figures).toContainText("100%");

    // The receiver breaks: the success rate drops on the open page.
    receiver.answer("*", jsonAnswer(500, { error: "down" }));
    for (let i = 0; i < 4; i++) await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "order.paid", payload: { orderId: `ord_x${i}` } });
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(8);
    await expect(figures.getByText(/^(\d|[1-8]\d|9[0-8])(\.\d)?%$/)).toBeVisible({ timeout: 12_000 });

    // The endpoint is disabled: it comes first, with its reason and a link.
    const disabledAt = Date.now();
    const patch = await client.patch(`/api/v1/app/${app.id}/endpoint/${endpoint.id}`, { data: { disabled: true } });
    expect(patch.ok()).toBeTruthy();
    await expect(attention.getByRole("link").first()).toContainText("Disabled", { timeout: 12_000 });
    expect(Date.now() - disabledAt).toBeLessThan(12_000);
    await expect(attention.getByRole("link").first()).toContainText(receiver.url("/hooks"));
    await expect(attention.getByRole("link").first()).toContainText("Checkout");

    // The application's page shows the same, for its endpoints.
    await attention.getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.id}/endpoints/${endpoint.id}$`));
    await page.goto(`/apps/${app.id}`);
    await expect(page.getByRole("list", { name: "Endpoints that need attention" })).toContainText(/Disabled by an API key|Disabled by a person/);
  } finally {
    await receiver.close();
  }
});

test("the message log finds a message by a value in its payload; bulk retry says how many", async ({ page, baseURL }) => {
  const receiver = await startReceiver(jsonAnswer(500, { error: "down" }));
  try {
    await signUpOwner(page, "Sina");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Payments" });
    // No automatic retry may land while the test counts what the bulk retry sends.
    await api(page.request, "PATCH", `/api/console/settings/apps/${app.id}`, { retrySchedule: [3600] });
    await post(client, `/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/pay") });
    const wanted = await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, {
      eventType: "payment.failed",
      payload: { payment: { id: "pay_8812", amount: 4200 }, customer: "cus_1" },
    });
    for (let i = 0; i < 3; i++) await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "payment.failed", payload: { payment: { id: `pay_${i}` } } });
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);

    await page.goto(`/apps/${app.id}/messages`);
    await expect(page.getByText("4 messages")).toBeVisible();
    await page.getByLabel("Search by", { exact: true }).selectOption("payload");
    await page.getByLabel("Search by a value in the payload").fill("pay_8812");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/payload=pay_8812/);
    await expect(page.getByRole("row", { name: /payment\.failed/ })).toHaveCount(1);
    await expect(page.getByRole("row", { name: /payment\.failed/ })).toContainText(wanted.id);
    await expect(page.getByText(/^1 found in 4 messages searched/)).toBeVisible();
    // A number finds it too.
    await page.getByLabel("Search by a value in the payload").fill("4200");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("row", { name: /payment\.failed/ })).toContainText(wanted.id);

    // The event-type filter applies as it is typed.
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await page.getByLabel("Event type").fill("payment.refunded");
    await expect(page).toHaveURL(/event_type=payment\.refunded/);
    await expect(page.getByText("No messages match these filters")).toBeVisible();
    await page.getByLabel("Event type").fill("payment.failed");
    await expect(page.getByText("4 messages match")).toBeVisible();

    await page.getByRole("button", { name: "Retry failed…" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("This sends 4 failed deliveries of 4 messages");
    const before = receiver.received.length;
    await dialog.getByRole("button", { name: "Retry 4 deliveries" }).dblclick();
    await expect(page.getByText("4 deliveries of 4 messages sent again")).toBeVisible();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 4);
    await page.waitForTimeout(1_500);
    expect(receiver.received.length).toBe(before + 4);
  } finally {
    await receiver.close();
  }
});

test("at 390×844 the overview and message log do not scroll sideways", async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUpOwner(page, "Pia");
  const client = await apiWithKey(page, baseURL!);
  const app = await post<{ id: string }>(client, "/api/v1/app", { name: "A rather long application name for a phone screen" });
  const endpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, {
    url: "http://127.0.0.1:9/a/very/long/path/that/goes/on/and/on/for/a/while/without/a/break",
  });
  // Disabled, so the overview lists it with its long address.
  expect((await client.patch(`/api/v1/app/${app.id}/endpoint/${endpoint.id}`, { data: { disabled: true } })).ok()).toBeTruthy();
  await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "order.created.with.a.long.event.type.name", payload: { orderId: "ord_1" } });
  for (const path of ["/dashboard", `/apps/${app.id}`, `/apps/${app.id}/messages`, `/apps/${app.id}/messages?payload=ord_1`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    // On failure: what sticks out (outside any scrolling box), to say where to look.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((e) => {
          if (e.getBoundingClientRect().right <= window.innerWidth + 1) return false;
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return false;
          return true;
        })
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`.slice(0, 160))
        .concat(`scrollWidth ${document.documentElement.scrollWidth}`),
    );
    expect(await noSidewaysScroll(page), `${path}: ${wide.join(" | ")}`).toBe(true);
  }
});
