import { expect, type Page, test } from "@playwright/test";
import { signUpOwner } from "../apps/helpers";
import { apiWithKey, jsonAnswer, post } from "../delivery-logs/support";
import { startReceiver } from "../../tests/support/receiver";

// The endpoint page in three tabs (Overview, Attempts, Settings) kept in the address, and its
// counters in the same words as the message log: a delivery the log calls Retrying is counted
// as Retrying on the endpoint, not as Pending.

/** Whether the page scrolls sideways (it must not, even on a phone). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test("the endpoint page's tabs: keyboard and mouse, kept in the URL, and counters in the log's words", async ({ page, baseURL }) => {
  const receiver = await startReceiver(jsonAnswer(500, { error: "down-for-maintenance" }));
  const url = receiver.url("/hooks");
  try {
    await signUpOwner(page, "Tabitha");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Tabs Inc." });
    const endpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url, description: "Always 500" });
    const message = await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, { eventType: "order.created", payload: { orderId: "ord_1" } });
    // The first try and the 5-second retry both fail; the next retry is minutes away.
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    // The message log's word for it.
    await page.goto(`/apps/${app.id}/messages`);
    await expect(page.getByRole("row", { name: /order\.created/ })).toContainText("1 retrying");
    await page.goto(`/apps/${app.id}/messages/${message.id}`);
    await expect(page.getByRole("row").filter({ hasText: url })).toContainText("Retrying");

    // The endpoint page opens on Overview, whose counters use the same word.
    const endpointPath = `/apps/${app.id}/endpoints/${endpoint.id}`;
    await page.goto(endpointPath);
    const tabs = page.getByRole("tablist", { name: "Endpoint sections" });
    const overview = tabs.getByRole("tab", { name: "Overview" });
    const attempts = tabs.getByRole("tab", { name: "Attempts" });
    const settings = tabs.getByRole("tab", { name: "Settings" });
    await expect(overview).toHaveAttribute("aria-selected", "true");
    await expect(attempts).toHaveAttribute("aria-selected", "false");
    await expect(page.getByRole("tabpanel", { name: "Overview" })).toBeVisible();
    const counters = page.getByLabel("Deliveries by status");
    await expect(counters).toContainText("Retrying1");
    await expect(counters).toContainText("Pending0");
    await expect(counters).toContainText("Failed0");
    await expect(page.getByRole("heading", { name: "Retrying" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Signing secret" })).toHaveCount(0);

    // The arrow keys move between tabs and show each one; the address follows.
    await overview.focus();
    await page.keyboard.press("ArrowRight");
    await expect(attempts).toBeFocused();
    await expect(attempts).toHaveAttribute("aria-selected", "true");
    await expect(page).toHaveURL(/\?tab=attempts$/);
    const attemptsPanel = page.getByRole("tabpanel", { name: "Attempts" });
    await expect(attemptsPanel.getByRole("row").filter({ hasText: "HTTP 500" })).toHaveCount(2);
    await page.keyboard.press("ArrowRight");
    await expect(settings).toBeFocused();
    await expect(page).toHaveURL(/\?tab=settings$/);
    await expect(page.getByRole("tabpanel", { name: "Settings" }).getByRole("heading", { name: "Signing secret" })).toBeVisible();
    await page.keyboard.press("ArrowRight");
    await expect(overview).toBeFocused();
    await expect(page).toHaveURL(new RegExp(`${endpointPath}$`));
    await page.keyboard.press("ArrowLeft");
    await expect(settings).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Home");
    await expect(overview).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("End");
    await expect(settings).toHaveAttribute("aria-selected", "true");

    // A reload keeps the tab; so does a link to it.
    await page.reload();
    await expect(settings).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("heading", { name: "Custom headers" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Filters" })).toBeVisible();

    // The mouse, and Back returns to the tab before.
    await attempts.click();
    await expect(page).toHaveURL(/\?tab=attempts$/);
    await expect(attemptsPanel.getByRole("row").filter({ hasText: "HTTP 500" })).toHaveCount(2);
    await page.goBack();
    await expect(settings).toHaveAttribute("aria-selected", "true");
    await overview.click();
    await expect(page).toHaveURL(new RegExp(`${endpointPath}$`));
    await expect(counters).toContainText("Retrying1");

    // The counter leads to the same messages in the log.
    await counters.getByRole("link", { name: /see these messages in the log/ }).click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.id}/messages\\?status=failing&endpoint=${endpoint.id}$`));
    await expect(page.getByRole("row", { name: /order\.created/ })).toContainText("1 retrying");

    // On a phone the tab bar fits (or scrolls inside itself); the page never scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of ["", "?tab=attempts", "?tab=settings"]) {
      await page.goto(`${endpointPath}${tab}`);
      await expect(tabs).toBeVisible();
      await expect(page.getByRole("tabpanel")).toBeVisible();
      expect(await scrollsSideways(page), `the page scrolls sideways at ${tab || "overview"}`).toBe(false);
    }
  } finally {
    await receiver.close();
  }
});
