import { expect, type Page, test } from "@playwright/test";
import { api, signInViewer, signUpOwner } from "../apps/helpers";
import { startReceiver } from "../../tests/support/receiver";
import { apiWithKey, jsonAnswer, post } from "../delivery-logs/support";

const SHOTS = ".test-reports/screenshots";

/** The number on the navigation's Notices badge (0 when there is none). */
async function unreadBadge(page: Page) {
  const text = await page
    .getByRole("navigation", { name: "Console" })
    .getByRole("link", { name: /Notices/ })
    .innerText();
  const match = /(\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

test("an always-failing endpoint is disabled, announced, re-enabled and its paused messages recovered", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver(jsonAnswer(503, { error: "maintenance" }));
  const url = receiver.url("/webhooks");
  try {
    await signUpOwner(page, "Nora");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Shipping" });
    const endpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url, description: "Warehouse" });

    // The rule's default: 20 attempts, 95 % of them failed — for an hour; this organization
    // disables at once (how long it must last is tested against the engine, not the page).
    await api(page.request, "PATCH", "/api/console/settings", { disableMinDurationSeconds: 0 });
    // Every first try answers 503.
    for (let i = 0; i < 20; i++) await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "parcel.shipped", payload: { parcel: i } });
    await expect
      .poll(async () => (await api<{ disabled: boolean }>(page.request, "GET", `/api/v1/app/${app.id}/endpoint/${endpoint.id}`)).disabled, { timeout: 30_000 })
      .toBe(true);
    const disabled = await api<{ disabledReason: string; disabledAt: string }>(page.request, "GET", `/api/v1/app/${app.id}/endpoint/${endpoint.id}`);
    expect(disabled.disabledReason).toBe("automatic");

    // The endpoint page raises the alarm in plain words.
    await page.goto(`/apps/${app.id}/endpoints/${endpoint.id}`);
    const banner = page.getByRole("alert", { name: "Endpoint disabled" });
    await expect(banner).toContainText("kept failing");
    await expect(banner).toContainText(/attempts failed/);
    await page.screenshot({ path: `${SHOTS}/notices-endpoint-banner.png` });

    // A viewer sees the alarm but cannot re-enable.
    const viewer = await signInViewer(browser, page);
    await viewer.page.goto(`/apps/${app.id}/endpoints/${endpoint.id}`);
    await expect(viewer.page.getByRole("alert", { name: "Endpoint disabled" })).toContainText("kept failing");
    await expect(viewer.page.getByRole("button", { name: "Re-enable" })).toHaveCount(0);
    await viewer.context.close();

    // The application page names it once, with a link to it.
    await page.goto(`/apps/${app.id}`);
    const appBanner = page.getByRole("alert", { name: "Disabled endpoints" });
    await expect(appBanner).toContainText("1 endpoint was disabled");
    await expect(appBanner.getByRole("link", { name: url })).toHaveAttribute("href", `/apps/${app.id}/endpoints/${endpoint.id}`);
    await page.screenshot({ path: `${SHOTS}/notices-app-banner.png` });

    // The inbox has the notice, and the navigation counts it.
    await page.goto("/notices");
    const notice = page.getByRole("listitem", { name: `Endpoint disabled: ${url}` });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole("link", { name: "View endpoint" })).toHaveAttribute("href", `/apps/${app.id}/endpoints/${endpoint.id}`);
    await expect.poll(() => unreadBadge(page)).toBeGreaterThanOrEqual(1);
    await page.getByRole("tab", { name: "Disabled" }).click();
    await expect(notice).toBeVisible();
    await page.getByRole("tab", { name: "Recovered" }).click();
    await expect(page.getByText("No notices of this kind")).toBeVisible();
    await page.getByRole("tab", { name: "All" }).click();
    await page.screenshot({ path: `${SHOTS}/notices-inbox.png` });

    // Three messages while disabled: kept, not sent.
    const before = receiver.received.length;
    const paused: string[] = [];
    for (let i = 0; i < 3; i++)
      paused.push((await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, { eventType: "parcel.shipped", payload: { paused: i } })).id);
    // That nothing is sent can only be seen by waiting.
    await page.waitForTimeout(1500);
    expect(receiver.received.length).toBe(before);

    // The receiver is back: Re-enable, then recover what waited since the endpoint was disabled.
    receiver.answer("*", jsonAnswer(200, { ok: true }));
    // One click on the application page's banner, then its toast leads to the recover offer.
    await page.goto(`/apps/${app.id}`);
    const fromHere = receiver.received.length;
    await appBanner.getByRole("button", { name: "Re-enable" }).click();
    await expect(appBanner).toBeHidden();
    await page.getByRole("button", { name: "Recover its messages…" }).click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.id}/endpoints/${endpoint.id}\\?recoverSince=`));
    await expect(banner).toBeHidden();
    await expect(page.getByRole("region", { name: "Endpoint re-enabled" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/notices-recover-offer.png` });
    await page.getByRole("button", { name: "Recover the messages that failed since it was disabled" }).click();
    const dialog = page.getByRole("dialog", { name: "Recover failed messages" });
    await expect(dialog).toContainText(/Recovered 3 of 3 messages/, { timeout: 20_000 });
    await expect(dialog.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "3");
    // The bar's width transition shown finished, for an honest picture.
    await page.screenshot({ path: `${SHOTS}/notices-recovered.png`, animations: "disabled" });
    await expect.poll(() => receiver.received.length - fromHere, { timeout: 20_000 }).toBe(3);
    expect(new Set(receiver.received.slice(fromHere).map((r) => r.headers["webhook-id"]))).toEqual(new Set(paused));
    await dialog.getByRole("button", { name: "Done" }).click();

    // Reading the notice takes it off the badge.
    await page.goto("/notices");
    await expect.poll(() => unreadBadge(page)).toBeGreaterThanOrEqual(1);
    const unread = await unreadBadge(page);
    await notice.getByRole("button", { name: /Mark .* read/ }).click();
    await expect.poll(() => unreadBadge(page)).toBe(unread - 1);
    await expect(notice.getByRole("button", { name: /Mark .* read/ })).toBeHidden();
  } finally {
    await receiver.close();
  }
});
