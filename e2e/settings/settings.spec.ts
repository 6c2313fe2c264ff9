import { expect, test } from "@playwright/test";
import { api, nav, signInViewer, signUpOwner } from "../apps/helpers";

test("set the retry schedule and the disable rule for the organization and override them for one application", async ({ page, browser }) => {
  await signUpOwner(page, "Grace");
  const app = await api<{ id: string }>(page.request, "POST", "/api/v1/app", { name: "Billing" });
  await nav(page, "Settings");
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Delivery settings" })).toBeVisible();
  // The install's defaults, in plain language.
  await expect(page.getByTestId("rule-preview")).toHaveText(
    "An endpoint is disabled after 95 % of at least 20 attempts fail within 24 hours, and that has lasted 1 hour.",
  );

  // The organization: the Slack-style schedule and a stricter rule; the previews follow the form.
  await page.getByLabel("Schedule").selectOption("slack");
  await expect(page.getByTestId("schedule-preview")).toHaveText("3 attempts: immediately, then after 1 min and 5 min.");
  await page.getByLabel("Window").selectOption({ label: "1 hour" });
  await page.getByLabel("At least this many attempts").fill("10");
  await page.getByLabel("Failure rate (%)").fill("40");
  await expect(page.getByText("Failure rate must be between 50 and 100 %")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save settings" })).toBeDisabled();
  await page.getByLabel("Failure rate (%)").fill("90");
  await expect(page.getByTestId("rule-preview")).toHaveText(
    "An endpoint is disabled after 90 % of at least 10 attempts fail within 1 hour, and that has lasted 1 hour.",
  );
  // How long the rule must hold before the endpoint is disabled.
  await expect(page.getByLabel("Failing for at least")).toHaveValue("");
  await page.getByLabel("Failing for at least").selectOption({ label: "6 hours" });
  await expect(page.getByTestId("rule-preview")).toHaveText(
    "An endpoint is disabled after 90 % of at least 10 attempts fail within 1 hour, and that has lasted 6 hours.",
  );
  // The operator's limits, shown, not editable.
  await expect(page.getByTestId("limits")).toContainText("API requests1,000 per second");
  await expect(page.getByTestId("limits")).toContainText("Largest message payload1 MiB (1,048,576 bytes of JSON)");
  // Retention, the organization's alone: 30 days by default.
  await expect(page.getByLabel("Keep payloads for (days)")).toHaveAttribute("placeholder", "30");
  await page.getByLabel("Keep payloads for (days)").fill("0");
  await expect(page.getByText("Retention must be at least 1 day")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save settings" })).toBeDisabled();
  await page.getByLabel("Keep payloads for (days)").fill("14");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  const org = await api<{ organization: Record<string, unknown> }>(page.request, "GET", "/api/console/settings");
  expect(org.organization).toEqual({
    retrySchedule: [60, 300],
    disableWindowSeconds: 3600,
    disableMinAttempts: 10,
    disableFailureRate: 0.9,
    disableMinDurationSeconds: 21600,
    retentionDays: 14,
  });

  // One application: custom delays and no waiting; the rest inherits the organization's values.
  await page.getByLabel("Settings for").selectOption({ label: "Application: Billing" });
  await expect(page.getByTestId("rule-preview")).toHaveText(
    "An endpoint is disabled after 90 % of at least 10 attempts fail within 1 hour, and that has lasted 6 hours.",
  );
  await expect(page.getByLabel("Failing for at least").locator("option").first()).toHaveText("As the organization (6 hours)");
  await page.getByLabel("Failing for at least").selectOption({ label: "At once" });
  await expect(page.getByTestId("rule-preview")).toHaveText("An endpoint is disabled after 90 % of at least 10 attempts fail within 1 hour.");
  await expect(page.getByLabel("Keep payloads for (days)")).toHaveCount(0);
  await expect(page.getByTestId("limits")).toHaveCount(0);
  await page.getByLabel("Schedule").selectOption("custom");
  await page.getByLabel("Delays in seconds").fill("5, ten");
  await expect(page.getByText("Delays are numbers of seconds separated by commas")).toBeVisible();
  await page.getByLabel("Delays in seconds").fill("5, 10, 60");
  await expect(page.getByTestId("schedule-preview")).toHaveText("4 attempts: immediately, then after 5 s, 10 s and 1 min.");
  await page.getByRole("button", { name: "Save settings" }).click();
  // The first save's toast may still be showing.
  await expect(page.getByText("Settings saved").last()).toBeVisible();
  const overridden = await api<{ application: Record<string, unknown> }>(page.request, "GET", `/api/console/settings/apps/${app.id}`);
  expect(overridden.application).toEqual({
    retrySchedule: [5, 10, 60],
    disableWindowSeconds: null,
    disableMinAttempts: null,
    disableFailureRate: null,
    disableMinDurationSeconds: 0,
  });
  await page.reload();
  await expect(page.getByLabel("Schedule")).toHaveValue("slack");
  await expect(page.getByLabel("Failing for at least")).toHaveValue("21600");
  await page.screenshot({ path: ".test-reports/screenshots/settings.png", fullPage: true });

  // A viewer sees the settings but cannot change the organization's.
  const { page: viewer } = await signInViewer(browser, page);
  await nav(viewer, "Settings");
  await expect(viewer.getByTestId("rule-preview")).toHaveText(
    "An endpoint is disabled after 90 % of at least 10 attempts fail within 1 hour, and that has lasted 6 hours.",
  );
  await expect(viewer.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await expect(viewer.getByLabel("Schedule")).toBeDisabled();
});

test("the organization is renamed by an admin and deleted by its owner after typing its name; a viewer can do neither", async ({ page, browser }) => {
  const orgName = await signUpOwner(page, "Olga");
  const viewer = await signInViewer(browser, page);
  const refused = await viewer.page.request.fetch("/api/console/org", {
    method: "PATCH",
    data: { name: "Taken over" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(403);
  await viewer.context.close();

  await nav(page, "Settings");
  const card = page.getByRole("heading", { name: "Organization" }).locator("..");
  await card.getByLabel("Name").fill("");
  await card.getByRole("button", { name: "Rename" }).click();
  await expect(card.getByText("Name is required")).toBeVisible();
  await card.getByLabel("Name").fill("Olga Renamed Ltd");
  await card.getByRole("button", { name: "Rename" }).click();
  // The sidebar names the organization anew.
  await expect(page.getByText("Olga Renamed Ltd", { exact: true }).first()).toBeVisible();
  const audit = await api<{ data: { action: string; data: { from: string; to: string } }[] }>(page.request, "GET", "/api/console/audit");
  expect(audit.data.find((e) => e.action === "organization.renamed")?.data).toEqual({ from: orgName, to: "Olga Renamed Ltd" });

  await card.getByRole("button", { name: "Delete organization" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete organization" });
  await expect(dialog.getByRole("button", { name: "Delete organization" })).toBeDisabled();
  await dialog.getByLabel("Type “Olga Renamed Ltd” to confirm").fill("Olga Renamed Ltd");
  await dialog.getByRole("button", { name: "Delete organization" }).click();
  await expect(page.getByRole("heading", { name: "You are not in an organization" })).toBeVisible();
});
