import { expect, test } from "@playwright/test";
import { signUpOwner } from "../apps/helpers";
import { startReceiver } from "../../tests/support/receiver";
import { apiWithKey, jsonAnswer, post } from "./support";

// An 842 kB payload once made the message page 961,188 px tall and took 10 s to show. Now
// the viewer opens only its top level, shows long strings and lists in part, and keeps its
// height with a scroll of its own; the raw text, copy and download are there for the rest.

test("a message with an 800 kB payload opens in under 2 s, in a page under 3,000 px tall", async ({ page, baseURL }) => {
  const receiver = await startReceiver(jsonAnswer(200, { ok: true }));
  try {
    await signUpOwner(page, "Lars");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Large" });
    await post(client, `/api/v1/app/${app.id}/endpoint`, { url: receiver.url("/large") });
    const items = Array.from({ length: 4_000 }, (_, i) => ({ sku: `SKU-${i}`, name: `Item ${i} ${"-".repeat(120)}`, qty: i % 7 }));
    const payload = { order: "ord_842", note: "n".repeat(150_000), items };
    expect(JSON.stringify(payload).length).toBeGreaterThan(800_000);
    const message = await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, { eventType: "order.large", payload });

    const started = Date.now();
    await page.goto(`/apps/${app.id}/messages/${message.id}`);
    const viewer = page.getByRole("group", { name: "Payload" });
    await expect(viewer).toContainText('"ord_842"');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3_000);

    // The parts are there on demand: the list unfolds 200 at a time, the raw text shows it all.
    await viewer.getByRole("button", { name: "Expand items" }).click();
    const itemToggles = viewer.getByRole("button", { name: /^Expand item \d+$/ });
    await expect(itemToggles).toHaveCount(200);
    await viewer.getByRole("button", { name: /Show 200 more of 3,800/ }).click();
    await expect(itemToggles).toHaveCount(400);
    await viewer.getByRole("button", { name: "Expand item 399" }).click();
    await expect(viewer).toContainText('"SKU-399"');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3_000);
    await page.getByRole("radio", { name: "Raw" }).click();
    await expect(viewer).toContainText('"sku": "SKU-3999"');
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download" }).click();
    expect((await download).suggestedFilename()).toBe("payload.json");
    await client.dispose();
  } finally {
    await receiver.close();
  }
});
