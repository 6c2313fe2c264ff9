import { expect, test } from "@playwright/test";
import { apiWithKey, post } from "../delivery-logs/support";
import { nav, signUpOwner } from "./helpers";

test("the event-type catalogue: create with an example payload, view it, edit, archive and unarchive", async ({ page }) => {
  await signUpOwner(page, "Eve");
  await nav(page, "Event types");
  await expect(page).toHaveURL(/\/event-types$/);
  await expect(page.getByText("No event types yet")).toBeVisible();

  await page.getByRole("button", { name: "Create event type" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an event type" });
  await dialog.getByLabel("Name", { exact: true }).fill("invoice.paid");
  await dialog.getByLabel("Description").fill("An invoice was paid in full");
  await dialog.getByLabel("Group").fill("Billing");
  await dialog.getByLabel("Example payload (JSON)").fill('{"invoiceId": "in_1", "amount": 4200,}');
  await dialog.getByRole("button", { name: "Create event type" }).click();
  await expect(dialog.getByText(/^Not valid JSON: /)).toBeVisible();
  await dialog.getByLabel("Example payload (JSON)").fill('{"invoiceId": "in_1", "amount": 4200}');
  await dialog.getByRole("button", { name: "Create event type" }).click();
  await expect(dialog).toBeHidden();

  // The row whose name cell says invoice.paid (the expanded example is a row of its own).
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "invoice.paid", exact: true }) });
  await expect(row).toContainText("An invoice was paid in full");
  await expect(row).toContainText("Billing");

  // The example payload, pretty-printed.
  await page.getByRole("button", { name: "Show example payload of invoice.paid" }).click();
  await expect(page.getByLabel("Example payload of invoice.paid", { exact: true })).toHaveText('{\n  "invoiceId": "in_1",\n  "amount": 4200\n}');

  // Edit: mark it deprecated.
  await page.getByRole("button", { name: "Actions for invoice.paid" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit invoice.paid" });
  await expect(edit.getByLabel("Name", { exact: true })).toHaveValue("invoice.paid");
  await edit.getByLabel("Deprecated").check();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("deprecated");
  await expect(row).toContainText("An invoice was paid in full");

  // Archive hides it; "Show archived" brings it back, and it can be restored.
  await page.getByRole("button", { name: "Actions for invoice.paid" }).click();
  await page.getByRole("menuitem", { name: "Archive" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText("No event types yet")).toBeVisible();
  await page.getByRole("switch", { name: "Show archived" }).click();
  await expect(row).toContainText("archived");
  await page.getByRole("button", { name: "Actions for invoice.paid" }).click();
  await page.getByRole("menuitem", { name: "Unarchive" }).click();
  await expect(row).not.toContainText("archived");
  await page.getByRole("switch", { name: "Show archived" }).click();
  await expect(row).toBeVisible();
  await page.reload();
  await expect(row).toContainText("deprecated");
});

test("event types seen in messages but not in the catalogue are listed, and one click adds one with its newest payload as the example", async ({
  page,
  baseURL,
}) => {
  await signUpOwner(page, "Sid");
  const client = await apiWithKey(page, baseURL!);
  const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Undocumented" });
  await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "order.shipped", payload: { order: "o_1" } });
  await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "order.shipped", payload: { order: "o_2", carrier: "dhl" } });
  await post(client, `/api/v1/app/${app.id}/msg`, { eventType: "refund.issued", payload: { refund: "r_1" } });

  await nav(page, "Event types");
  const seen = page.getByRole("table", { name: "Event types seen in messages but not in the catalogue" });
  await expect(seen.getByRole("row")).toHaveCount(3);
  await expect(seen).toContainText("order.shipped");
  await expect(seen).toContainText("refund.issued");

  await seen.getByRole("button", { name: "Add order.shipped to the catalogue" }).click();
  await expect(seen.getByRole("row")).toHaveCount(2);
  await expect(seen).not.toContainText("order.shipped");
  await page.getByRole("button", { name: "Show example payload of order.shipped" }).click();
  await expect(page.getByLabel("Example payload of order.shipped", { exact: true })).toHaveText('{\n  "order": "o_2",\n  "carrier": "dhl"\n}');
  await client.dispose();
});
