import { expect, type Page, test } from "@playwright/test";
import { format } from "date-fns";
import { api, signInViewer, signUpOwner } from "../apps/helpers";
import { startReceiver } from "../../tests/support/receiver";
import { apiWithKey, jsonAnswer, post } from "../delivery-logs/support";

const SHOTS = ".test-reports/screenshots";

/** The page at 1440 and 390 pixels wide, light and dark. */
async function shoot(page: Page, name: string) {
  const size = page.viewportSize()!;
  for (const width of [1440, 390]) {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}-${colorScheme}.png`, animations: "disabled" });
    }
  }
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: null });
}

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
  test.setTimeout(180_000);
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
    await expect(page).toHaveURL(new RegExp(`/apps/${app.id}/endpoints/${endpoint.id}$`));
    await expect(banner).toBeHidden();
    // The offer counts every message paused: those waiting for a retry when it was disabled, and the three since.
    const { recoverOffer } = await api<{ recoverOffer: { since: string; paused: number } | null }>(
      page.request,
      "GET",
      `/api/v1/app/${app.id}/endpoint/${endpoint.id}`,
    );
    const pausedCount = recoverOffer!.paused;
    expect(pausedCount).toBeGreaterThanOrEqual(3);
    const offer = page.getByRole("region", { name: "Endpoint re-enabled" });
    await expect(offer).toContainText(`${pausedCount} messages paused while it was disabled`);
    // The offer is kept by the server: a reload, the way back from the notice, and it is still there.
    await page.reload();
    await expect(offer).toBeVisible();
    await page.goto("/notices");
    await notice.getByRole("link", { name: "View endpoint" }).click();
    await expect(offer).toBeVisible();
    await shoot(page, "notices-recover-offer");
    await offer.getByRole("button", { name: `Recover ${pausedCount} paused messages…` }).click();
    const dialog = page.getByRole("dialog", { name: "Recover failed messages" });
    // The dialog starts from the oldest paused message (to the minute).
    const since = new Date(recoverOffer!.since);
    since.setSeconds(0, 0);
    await expect(dialog.getByLabel("Since")).toHaveValue(format(since, "yyyy-MM-dd'T'HH:mm"));
    await dialog.getByRole("button", { name: "Recover messages" }).click();
    await expect(dialog).toContainText(`Recovered ${pausedCount} of ${pausedCount} messages`, { timeout: 20_000 });
    await expect(dialog.getByRole("progressbar")).toHaveAttribute("aria-valuenow", String(pausedCount));
    // The bar's width transition shown finished, for an honest picture.
    await page.screenshot({ path: `${SHOTS}/notices-recovered.png`, animations: "disabled" });
    await expect.poll(() => receiver.received.length - fromHere, { timeout: 20_000 }).toBe(pausedCount);
    const recoveredIds = new Set(receiver.received.slice(fromHere).map((r) => r.headers["webhook-id"]));
    for (const id of paused) expect(recoveredIds).toContain(id);
    await dialog.getByRole("button", { name: "Done" }).click();
    // The recover answered the offer, for good.
    await expect(offer).toBeHidden();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: url })).toBeVisible();
    await expect(offer).toBeHidden();

    // Its first success after re-enabling is news: one "receiving again" notice, under Recovered.
    await page.goto("/notices");
    const receiving = page.getByRole("listitem", { name: `Endpoint receiving again: ${url}` });
    await expect(async () => {
      await page.reload();
      await expect(receiving).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(receiving).toContainText(/is receiving again: first success at .* UTC, after being disabled for /);
    await expect(receiving.getByRole("link", { name: "View endpoint" })).toHaveAttribute("href", `/apps/${app.id}/endpoints/${endpoint.id}`);
    await page.getByRole("tab", { name: "Recovered" }).click();
    await expect(receiving).toBeVisible();
    await expect(page.getByRole("listitem")).toHaveCount(1);
    await shoot(page, "notices-inbox-recovered");
    await page.getByRole("tab", { name: "All" }).click();

    // Reading the notice takes it off the badge.
    await page.goto("/notices");
    await expect.poll(() => unreadBadge(page)).toBeGreaterThanOrEqual(1);
    const unread = await unreadBadge(page);
    await notice.getByRole("button", { name: /Mark .* read/ }).click();
    await expect.poll(() => unreadBadge(page)).toBe(unread - 1);
    await expect(notice.getByRole("button", { name: /Mark .* read/ })).toBeHidden();

    // Another cycle, by hand: the offer can be declined, and stays declined.
    await api(page.request, "PATCH", `/api/v1/app/${app.id}/endpoint/${endpoint.id}`, { disabled: true });
    await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "parcel.shipped", payload: { paused: "again" } });
    await api(page.request, "PATCH", `/api/v1/app/${app.id}/endpoint/${endpoint.id}`, { disabled: false });
    await page.goto(`/apps/${app.id}/endpoints/${endpoint.id}`);
    await expect(offer).toContainText("1 message paused while it was disabled");
    await offer.getByRole("button", { name: "Dismiss" }).dblclick();
    await expect(offer).toBeHidden();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: url })).toBeVisible();
    await expect(offer).toBeHidden();
  } finally {
    await receiver.close();
  }
});
