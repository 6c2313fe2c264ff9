import { expect, type Page, test } from "@playwright/test";
import { signUpOwner } from "../apps/helpers";
import { apiWithKey, jsonAnswer, post } from "../delivery-logs/support";
import { startReceiver } from "../../tests/support/receiver";

// Every page of the console, as people open it: at night (dark mode, from the system's
// setting or the toggle) every page has a dark background and readable text; on a phone
// (390 × 844) no page scrolls sideways and the navigation opens from the menu button.

const PHONE = { width: 390, height: 844 };

/** The relative luminance (0 black – 1 white) of an element's computed colour property. */
async function luminance(page: Page, selector: string, property: "backgroundColor" | "color"): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((element, prop) => {
      const canvas = document.createElement("canvas").getContext("2d")!;
      canvas.fillStyle = getComputedStyle(element)[prop];
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
      const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    }, property);
}

/** An organization with one of everything, and the console's pages that show them. */
async function consolePages(page: Page, baseURL: string, receiverUrl: string, name: string) {
  await signUpOwner(page, name);
  const client = await apiWithKey(page, baseURL);
  const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Night shift" });
  const endpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url: receiverUrl, batch: { maxSize: 10 } });
  const message = await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, { eventType: "night.check", payload: { long: "x".repeat(400), n: 1 } });
  await client.dispose();
  return [
    "/dashboard",
    "/apps",
    `/apps/${app.id}`,
    `/apps/${app.id}/endpoints/new`,
    `/apps/${app.id}/endpoints/${endpoint.id}`,
    `/apps/${app.id}/endpoints/${endpoint.id}?tab=attempts`,
    `/apps/${app.id}/endpoints/${endpoint.id}?tab=settings`,
    `/apps/${app.id}/endpoints/${endpoint.id}/edit`,
    `/apps/${app.id}/messages`,
    `/apps/${app.id}/messages/${message.id}`,
    "/event-types",
    "/notices",
    "/team",
    "/api-keys",
    "/settings",
    "/audit",
    "/profile",
  ];
}

/** Opens a page and waits for its data, so what is measured is the page as people read it. */
async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main").first()).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0, { timeout: 15_000 });
}

const shotName = (path: string) => path.replace(/[/?=]/g, "_");

test("every console page is dark at night, from the system or the toggle", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver(jsonAnswer(200, { ok: true }));
  try {
    const pages = await consolePages(page, baseURL!, receiver.url("/night"), "Nia");
    await page.emulateMedia({ colorScheme: "dark" });
    for (const path of pages) {
      await open(page, path);
      await expect(page.locator("html")).toHaveClass(/dark/);
      expect(await luminance(page, "body", "backgroundColor"), `${path}: background`).toBeLessThan(0.05);
      expect(await luminance(page, "h1", "color"), `${path}: heading`).toBeGreaterThan(0.6);
      await page.screenshot({ path: test.info().outputPath(`dark${shotName(path)}.png`), fullPage: true });
    }

    // The toggle overrides the system: light stays light after a reload.
    await page.getByRole("radio", { name: "Light theme" }).first().click();
    await page.reload();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    expect(await luminance(page, "body", "backgroundColor")).toBeGreaterThan(0.8);
    await page.getByRole("radio", { name: "System theme" }).first().click();
    await expect(page.locator("html")).toHaveClass(/dark/);
  } finally {
    await receiver.close();
  }
});

test("every console page fits a phone, and the navigation opens from the menu button", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver(jsonAnswer(200, { ok: true }));
  try {
    const pages = await consolePages(page, baseURL!, receiver.url("/phone"), "Pia");
    await page.setViewportSize(PHONE);
    for (const path of pages) {
      await open(page, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways by ${overflow}px at 390 px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: test.info().outputPath(`phone${shotName(path)}.png`), fullPage: true });
    }
    await page.getByRole("button", { name: /menu/i }).first().click();
    await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
  } finally {
    await receiver.close();
  }
});
