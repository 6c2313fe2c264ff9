import { expect, test } from "@playwright/test";
import { startOfYesterday } from "date-fns";
import { endpointTab, signInViewer, signUpOwner } from "../apps/helpers";
import { startReceiver } from "../../tests/support/receiver";
import { apiWithKey, jsonAnswer, post, seedExhaustedDeliveries } from "./support";

test("a failed attempt shows the receiver's answer; Resend adds a manual attempt without a reload", async ({ page, browser, baseURL }) => {
  const receiver = await startReceiver(jsonAnswer(500, { error: "ledger-offline-7QX" }));
  const url = receiver.url("/webhooks");
  try {
    await signUpOwner(page, "Rosa");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Ledger" });
    const endpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url, description: "Ledger sync" });
    const message = await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, {
      eventType: "invoice.paid",
      eventId: "evt_inv_1001",
      payload: { invoiceId: "in_1001", amount: 4200 },
    });
    // The first try and the 5-second retry both fail; the next retry is minutes away.
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    // The message log lists it, and its filters live in the URL.
    await page.goto(`/apps/${app.id}/messages`);
    const row = page.getByRole("row", { name: /invoice\.paid/ });
    await expect(row).toContainText(message.id);
    await expect(row).toContainText("1 retrying");
    await page.getByLabel("Status").selectOption("succeeded");
    await expect(page).toHaveURL(/status=succeeded/);
    await expect(page.getByText("No messages match these filters")).toBeVisible();
    await page.goBack();
    await expect(row).toBeVisible();
    await page.getByLabel("Search by message ID or event ID").fill("evt_inv_1001");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=evt_inv_1001/);
    await row.getByRole("link", { name: "invoice.paid" }).click();

    // The message page: the failed attempts with the receiver's body, and the exact headers sent.
    await expect(page).toHaveURL(new RegExp(`/apps/${app.id}/messages/${message.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: "invoice.paid" })).toBeVisible();
    const deliveries = page.getByRole("row", { name: url });
    await expect(deliveries).toContainText("Retrying");
    const first = page.getByRole("article", { name: "Attempt 1" });
    await expect(first).toContainText("HTTP 500");
    await expect(first).toContainText("scheduled");
    await expect(first.getByLabel("Response body")).toContainText("ledger-offline-7QX");
    await first.getByText(/Request headers/).click();
    await expect(first).toContainText("webhook-signature");
    await expect(first).toContainText(`v1,`);
    await expect(page.getByRole("group", { name: "Payload" })).toContainText('"in_1001"');

    // The receiver is back: Resend, and the manual attempt appears by itself.
    receiver.answer("*", jsonAnswer(200, { ok: true }));
    const attemptsBefore = receiver.received.length;
    await page.getByRole("button", { name: `Resend to ${url}` }).click();
    const manual = page.getByRole("article").filter({ hasText: "manual" });
    await expect(manual).toHaveCount(1);
    await expect(manual).toContainText("HTTP 200");
    await expect(manual.getByLabel("Response body")).toContainText('"ok": true');
    await expect(deliveries).toContainText("Succeeded");
    expect(receiver.received.length).toBe(attemptsBefore + 1);
    expect(receiver.received.at(-1)!.headers["webhook-id"]).toBe(message.id);

    // A viewer sees the same history but cannot resend.
    const viewer = await signInViewer(browser, page);
    await viewer.page.goto(`/apps/${app.id}/messages/${message.id}`);
    await expect(viewer.page.getByRole("article").filter({ hasText: "manual" })).toContainText("HTTP 200");
    await expect(viewer.page.getByRole("button", { name: /Resend/ })).toHaveCount(0);
    await viewer.context.close();

    // Another organization cannot open it.
    const { page: stranger, context } = await (async () => {
      const ctx = await browser.newContext();
      return { page: await ctx.newPage(), context: ctx };
    })();
    await signUpOwner(stranger, "Otto");
    expect((await stranger.request.get(`/api/v1/app/${app.id}/attempt/endpoint/${endpoint.id}`)).status()).toBe(404);
    await context.close();
    await client.dispose();
  } finally {
    await receiver.close();
  }
});

test("recover since yesterday sends exactly the failed deliveries of the window again", async ({ page, baseURL }) => {
  const receiver = await startReceiver(jsonAnswer(200, {}));
  const url = receiver.url("/webhooks");
  try {
    await signUpOwner(page, "Remy");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Warehouse" });
    const endpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url, description: "Stock levels" });

    // 30 deliveries that gave up, spread over yesterday and today, and 3 older ones.
    const since = startOfYesterday().getTime();
    const span = Date.now() - since;
    const inWindow = Array.from({ length: 30 }, (_, i) => new Date(since + ((i + 1) * span) / 31));
    const older = [2, 10, 30].map((hours) => new Date(since - hours * 3600_000));
    const windowIds = await seedExhaustedDeliveries(app.id, endpoint.id, url, inWindow);
    await seedExhaustedDeliveries(app.id, endpoint.id, url, older, "order.cancelled");

    await page.goto(`/apps/${app.id}/endpoints/${endpoint.id}`);
    const stats = page.getByLabel("Deliveries by status");
    await expect(stats).toHaveText(/Failed33$/);

    // The attempts list (its own tab) pages by keyset (15 a page), and Back/Previous return to the start.
    await endpointTab(page, "Attempts");
    const attemptRows = page.getByRole("row").filter({ hasText: "HTTP 500" });
    const pager = page.getByRole("navigation", { name: "Pages" });
    await expect(attemptRows).toHaveCount(15);
    await expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();
    await pager.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/iterator=atmpt_/);
    await pager.getByRole("button", { name: "Next" }).click();
    await expect(attemptRows).toHaveCount(3);
    await expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();
    await expect(attemptRows.last()).toContainText("order.cancelled");
    await pager.getByRole("button", { name: "Previous" }).click();
    await expect(attemptRows).toHaveCount(15);
    await pager.getByRole("button", { name: "Previous" }).click();
    await expect(attemptRows).toHaveCount(15);
    await expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();
    await page.getByRole("combobox", { name: "Event type", exact: true }).fill("order.cancelled");
    await page.keyboard.press("Enter");
    await expect(attemptRows).toHaveCount(3);
    await expect(page).not.toHaveURL(/iterator=/);
    await page.goBack();
    await expect(attemptRows).toHaveCount(15);

    await endpointTab(page, "Overview");
    await page.getByRole("button", { name: "Recover failed…" }).click();
    const dialog = page.getByRole("dialog", { name: "Recover failed messages" });
    await dialog.getByRole("button", { name: "Since yesterday" }).click();
    await dialog.getByRole("button", { name: "Recover messages" }).click();
    const progress = dialog.getByRole("progressbar", { name: "Recover progress" });
    await expect(dialog).toContainText("Recovered 30 of 30 messages");
    await expect(progress).toHaveAttribute("aria-valuenow", "30");
    await expect(progress).toHaveAttribute("aria-valuemax", "30");

    // The receiver gets each message of the window once, and none from before it.
    const received = () => new Set(receiver.received.map((r) => r.headers["webhook-id"]));
    await expect.poll(() => received().size, { timeout: 30_000 }).toBe(30);
    // Time for a 31st to come, which must not.
    await page.waitForTimeout(1500);
    expect(receiver.received).toHaveLength(30);
    expect(received()).toEqual(new Set(windowIds));

    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(stats).toHaveText(/^Succeeded30.*Failed3$/);
    await client.dispose();
  } finally {
    await receiver.close();
  }
});
