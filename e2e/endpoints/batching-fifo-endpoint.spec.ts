import { expect, type Page, test } from "@playwright/test";
import { startReceiver } from "../../tests/support/receiver";
import { api, signUpOwner } from "../apps/helpers";
import { apiWithKey, jsonAnswer, post } from "../delivery-logs/support";

// An endpoint against noise, from the console: batching, FIFO and a rate limit chosen in
// the form and stored by the API; messages sent to a real receiver arrive as one batch,
// which the endpoint's Batches list shows and opens, and the message page links back to it.

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1440, height: 900 };

/** Whether the page scrolls sideways (it must not, even on a phone). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

interface EndpointOut {
  id: string;
  batch: { maxSize: number; maxWaitMs: number } | null;
  ordering: string;
  fifoOnExhausted: string;
  throttleRate: number | null;
}

test("a batching FIFO endpoint: chosen in the form, its batch listed and opened, linked from the message", async ({ page, browser, baseURL }) => {
  const receiver = await startReceiver({ ...jsonAnswer(200, { ok: true }), delayMs: 40 });
  const url = receiver.url("/ledger");
  try {
    await signUpOwner(page, "Bea");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Ledger" });

    // The form: batching off, any order, no limit, until chosen.
    await page.goto(`/apps/${app.id}/endpoints/new`);
    await page.getByLabel("Endpoint URL").fill(url);
    const batching = page.getByRole("switch", { name: "Send in batches" });
    await expect(batching).toHaveAttribute("aria-checked", "false");
    await expect(page.getByRole("radio", { name: /Any order \(fastest\)/ })).toBeChecked();
    const summary = page.getByLabel("What your endpoint will see");
    await expect(summary).toHaveText("Your endpoint will receive messages one per request, in any order, several at once.");
    await batching.click();
    await page.getByRole("radio", { name: /In order \(FIFO\)/ }).check();
    // A size out of range is refused under its own field, before anything is sent.
    await page.getByLabel("Most messages per batch").fill("5000");
    await page.getByLabel("Longest wait (milliseconds)").fill("3000");
    await page.getByRole("radio", { name: /Halt the queue/ }).check();
    await page.getByLabel("Rate limit (requests per second)").fill("20");
    await page.getByRole("button", { name: "Create endpoint" }).click();
    await expect(page.getByText("The size must be at most 1000")).toBeVisible();
    await expect(page.getByLabel("Most messages per batch")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Most messages per batch").fill("5");
    // FIFO's ceiling: 5 messages a round trip, one round trip every ~205 ms for an unknown endpoint.
    await expect(page.getByText("at most about 24 messages per second (in batches of 5) when it answers in 200 ms")).toBeVisible();
    await expect(summary).toContainText("in batches of 5, in the order they were accepted, one request at a time, at most about 24 messages per second.");
    await page.setViewportSize(PHONE);
    await expect.poll(() => scrollsSideways(page)).toBe(false);
    await shoot(page, "form-390");
    await page.setViewportSize(WIDE);
    await shoot(page, "form-1440");
    await page.getByRole("button", { name: "Create endpoint" }).click();

    // The API has the settings; the page shows them.
    await expect(page).toHaveURL(new RegExp(`/apps/${app.id}/endpoints/ep_[A-Za-z0-9]+$`));
    const endpointId = page.url().split("/endpoints/")[1]!;
    const stored = await api<EndpointOut>(page.request, "GET", `/api/v1/app/${app.id}/endpoint/${endpointId}`);
    expect(stored).toMatchObject({ batch: { maxSize: 5, maxWaitMs: 3000 }, ordering: "fifo", fifoOnExhausted: "halt", throttleRate: 20 });
    await expect(page.getByText("Up to 5 messages per POST, waiting up to 3 s to fill")).toBeVisible();
    await expect(page.getByText("In order (FIFO), one at a time; halts at a message that runs out of retries")).toBeVisible();
    await expect(page.getByText("20 requests/s (a batch counts as one)")).toBeVisible();
    await expect(page.getByText("No batches yet")).toBeVisible();

    // Three messages within the batch's wait: one POST carrying all three, in order.
    const sent: { id: string }[] = [];
    for (const n of [1, 2, 3]) {
      sent.push(await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, { eventType: "invoice.paid", eventId: `evt_${n}`, payload: { n } }));
    }
    const delivered = await receiver.waitFor((r) => r.path === "/ledger", "the batch");
    const body = JSON.parse(delivered.body) as { id: string; eventType: string; payload: { n: number } }[];
    expect(body.map((m) => m.id)).toEqual(sent.map((m) => m.id));
    const batchId = delivered.headers["webhook-id"]!;
    expect(batchId).not.toBe(sent[0]!.id);

    // The Batches list shows it by itself; opening it shows its POST and its messages.
    const batches = page.getByRole("table", { name: "Batches" });
    const row = batches.getByRole("row").filter({ hasText: "HTTP 200" });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell").nth(1)).toHaveText("3");
    await expect(row.getByRole("cell").nth(2)).toHaveText("1");
    await page.setViewportSize(PHONE);
    await expect.poll(() => scrollsSideways(page)).toBe(false);
    await shoot(page, "endpoint-390");
    await page.setViewportSize(WIDE);
    await shoot(page, "endpoint-1440");
    await row.getByRole("button", { name: `Open batch ${batchId}` }).click();
    const dialog = page.getByRole("dialog", { name: "Batch of 3 messages" });
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`\\?batch=${batchId}$`));
    await expect(dialog.getByRole("list", { name: "POSTs" })).toContainText("HTTP 200");
    const carried = dialog.getByRole("list", { name: "Messages in this batch" }).getByRole("link");
    await expect(carried).toHaveCount(3);
    await expect(dialog.getByRole("list", { name: "Messages in this batch" })).toContainText("evt_2");
    await shoot(page, "batch-dialog-1440");
    await page.setViewportSize(PHONE);
    await shoot(page, "batch-dialog-390");
    await page.setViewportSize(WIDE);

    // A message of the batch: its attempt says it went in a batch and links back to it.
    await carried.first().click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.id}/messages/${sent[0]!.id}$`));
    const attempt = page.getByRole("article", { name: "Attempt 1" });
    await expect(attempt).toContainText("HTTP 200");
    const link = attempt.getByRole("link", { name: "In a batch" });
    await expect(link).toHaveAttribute("href", `/apps/${app.id}/endpoints/${endpointId}?batch=${batchId}`);
    await shoot(page, "message-1440");
    // On a phone the link stays on screen. (The page as a whole already scrolls sideways
    // there, by the Deliveries table's hidden "Actions" heading, before this change.)
    await page.setViewportSize(PHONE);
    await expect.poll(async () => (await link.boundingBox())!.x + (await link.boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize(WIDE);
    await link.click();
    await expect(page.getByRole("dialog", { name: "Batch of 3 messages" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(new RegExp(`/endpoints/${endpointId}$`));

    // The edit form starts from the stored settings.
    await page.getByRole("link", { name: "Edit endpoint" }).click();
    await expect(page.getByRole("switch", { name: "Send in batches" })).toHaveAttribute("aria-checked", "true");
    await expect(page.getByLabel("Most messages per batch")).toHaveValue("5");
    await expect(page.getByRole("radio", { name: /In order \(FIFO\)/ })).toBeChecked();
    await expect(page.getByRole("radio", { name: /Halt the queue/ })).toBeChecked();
    // A refusal by the API lands under the field it names. (The form checks the same
    // schema first, so the API's answer is stood in for here.)
    const endpointPath = `**/api/v1/app/${app.id}/endpoint/${endpointId}`;
    await page.route(endpointPath, (route) =>
      route.request().method() === "PATCH"
        ? route.fulfill({
            status: 422,
            contentType: "application/json",
            body: JSON.stringify({
              code: "validation",
              message: "batch.maxWaitMs: must be at most 300000 (5 minutes)",
              detail: [{ loc: ["body", "batch", "maxWaitMs"], msg: "must be at most 300000 (5 minutes)", type: "too_big" }],
            }),
          })
        : route.fallback(),
    );
    await page.getByLabel("Longest wait (milliseconds)").fill("1000");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("The wait must be at most 300000 (5 minutes)")).toBeVisible();
    await expect(page.getByLabel("Longest wait (milliseconds)")).toHaveAttribute("aria-invalid", "true");
    await page.unroute(endpointPath);

    // Another organization cannot list them.
    const context = await browser.newContext();
    const stranger = await context.newPage();
    await signUpOwner(stranger, "Otto");
    expect((await stranger.request.get(`/api/v1/app/${app.id}/endpoint/${endpointId}/batch`)).status()).toBe(404);
    expect((await stranger.request.get(`/api/v1/app/${app.id}/endpoint/${endpointId}/batch/${batchId}`)).status()).toBe(404);
    await context.close();
    await client.dispose();
  } finally {
    await receiver.close();
  }
});

test("a polling endpoint's form has no batching or ordering", async ({ page }) => {
  await signUpOwner(page, "Paul");
  const app = await api<{ id: string }>(page.request, "POST", "/api/v1/app", { name: "Warehouse" });
  await page.goto(`/apps/${app.id}/endpoints/new`);
  await expect(page.getByRole("switch", { name: "Send in batches" })).toBeVisible();
  await page.getByRole("radio", { name: /Polling/ }).check();
  await expect(page.getByRole("switch", { name: "Send in batches" })).toHaveCount(0);
  await expect(page.getByRole("radio", { name: /In order \(FIFO\)/ })).toHaveCount(0);
});
