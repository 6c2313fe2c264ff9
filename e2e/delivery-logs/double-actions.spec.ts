import { expect, test } from "@playwright/test";
import { startOfYesterday } from "date-fns";
import { signUpOwner } from "../apps/helpers";
import { startReceiver } from "../../tests/support/receiver";
import { apiWithKey, e2eDb, jsonAnswer, post, seedExhaustedDeliveries } from "./support";

// A person double-clicks: Resend sends one attempt, Recover starts one task (and its dialog
// shows that task's result, not an empty second one).

test("a double-click on Resend sends one attempt, and on Recover starts one task", async ({ page, baseURL }) => {
  const receiver = await startReceiver(jsonAnswer(200, { ok: true }));
  const url = receiver.url("/double");
  try {
    await signUpOwner(page, "Dora");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Double" });
    const endpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url });
    const message = await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, { eventType: "order.created", payload: { n: 1 } });
    await expect.poll(() => receiver.received.length).toBe(1);

    await page.goto(`/apps/${app.id}/messages/${message.id}`);
    await page.getByRole("button", { name: `Resend to ${url}` }).dblclick();
    await expect(page.getByRole("article").filter({ hasText: "manual" })).toHaveCount(1);
    await page.waitForTimeout(1_500);
    expect(receiver.received.length).toBe(2);
    const db = e2eDb();
    try {
      expect(await db.attempt.count({ where: { messageId: message.id, trigger: "manual" } })).toBe(1);

      const since = startOfYesterday().getTime();
      await seedExhaustedDeliveries(app.id, endpoint.id, url, [new Date(since + 60_000), new Date(since + 120_000)]);
      await page.goto(`/apps/${app.id}/endpoints/${endpoint.id}`);
      await page.getByRole("button", { name: "Recover failed…" }).click();
      const dialog = page.getByRole("dialog", { name: "Recover failed messages" });
      await dialog.getByRole("button", { name: "Since yesterday" }).click();
      await dialog.getByRole("button", { name: "Recover messages" }).dblclick();
      await expect(dialog).toContainText("Recovered 2 of 2 messages");
      const tasks = (await db.task.findMany()).filter((t) => JSON.stringify(t.data).includes(endpoint.id));
      expect(tasks).toHaveLength(1);
    } finally {
      await db.$disconnect();
    }
    await client.dispose();
  } finally {
    await receiver.close();
  }
});
