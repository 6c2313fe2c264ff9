import { expect, test } from "@playwright/test";
import { api, endpointTab, nav, signInViewer, signUpOwner } from "./helpers";

const SIGNING_SECRET = /^whsec_[A-Za-z0-9+/=]{20,}$/;

test("create an application and an endpoint, reveal and rotate its secret, edit its filter", async ({ page }) => {
  // The longest walk through the console, tab by tab: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  await signUpOwner(page, "Ada");
  // Two catalogued event types for the filter.
  for (const name of ["invoice.paid", "user.created"]) {
    await api(page.request, "POST", "/api/v1/event-type", { name, description: `When ${name.replace(".", " is ")}` });
  }

  // Applications: an empty state that says what to do, then the create dialog.
  await nav(page, "Applications");
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByText("Create your first application")).toBeVisible();
  await expect(page.getByText("one application per customer")).toBeVisible();
  await page.getByRole("button", { name: "Create application" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an application" });
  await dialog.getByRole("button", { name: "Create application" }).click();
  await expect(dialog.getByText("is required")).toBeVisible();
  await dialog.getByLabel("Name").fill("Acme Inc.");
  await dialog.getByLabel("UID (optional)").fill("customer_42");
  await dialog.getByRole("button", { name: "Create application" }).click();

  // The application's page, reachable from the list too.
  await expect(page).toHaveURL(/\/apps\/app_[A-Za-z0-9]+$/);
  const appUrl = page.url();
  const appId = appUrl.split("/apps/")[1]!;
  await expect(page.getByRole("heading", { level: 1, name: "Acme Inc." })).toBeVisible();
  await expect(page.getByText(appId)).toBeVisible();
  await expect(page.getByText("customer_42")).toBeVisible();
  await nav(page, "Applications");
  await page
    .getByRole("row", { name: /Acme Inc\./ })
    .getByRole("cell", { name: "customer_42" })
    .click();
  await expect(page).toHaveURL(appUrl);

  // Add an endpoint that receives every event type.
  await expect(page.getByText("No endpoints yet")).toBeVisible();
  await page.getByRole("button", { name: "Add endpoint" }).first().click();
  await expect(page).toHaveURL(/\/endpoints\/new$/);
  await expect(page.getByText("All event types")).toBeVisible();
  await page.getByLabel("Endpoint URL").fill("http://127.0.0.1:9/hook");
  await page.getByLabel("Description").fill("Order sync");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page).toHaveURL(/\/apps\/app_[A-Za-z0-9]+\/endpoints\/ep_[A-Za-z0-9]+$/);
  const endpointUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: "http://127.0.0.1:9/hook" })).toBeVisible();

  // The secret is hidden until revealed, on the Settings tab.
  await endpointTab(page, "Settings");
  const secret = page.getByLabel("Signing secret", { exact: true });
  await expect(secret).toHaveText(/^whsec_•+$/);
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(secret).toHaveText(SIGNING_SECRET);
  const first = (await secret.textContent())!;

  // Rotation explains the grace period, then shows the new secret.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const rotateDialog = page.getByRole("dialog", { name: "Rotate signing secret" });
  await expect(rotateDialog).toContainText("The old secret keeps working for 24 hours");
  await rotateDialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(rotateDialog).toBeHidden();
  await expect(secret).toHaveText(SIGNING_SECRET);
  await expect(secret).not.toHaveText(first);
  const second = (await secret.textContent())!;
  expect(second).not.toBe(first);
  const fromApi = await api<{ key: string }>(page.request, "GET", `/api/v1/app/${appId}/endpoint/${endpointUrl.split("/endpoints/")[1]}/secret`);
  expect(fromApi.key).toBe(second);

  // Filter: one catalogued event type and one typed by hand, saved and still there after a reload.
  const filters = page.locator("form").filter({ has: page.getByRole("button", { name: "Save filters" }) });
  await filters.getByRole("checkbox", { name: "invoice.paid", exact: true }).check();
  await filters.getByLabel("Add an event type by name").fill("order.shipped");
  await filters.getByLabel("Add an event type by name").press("Enter");
  await expect(filters.getByRole("checkbox", { name: "order.shipped", exact: true })).toBeChecked();
  await expect(filters.getByText("not in the catalogue")).toBeVisible();
  await filters.getByLabel("Channels").fill("eu, project_1");
  await filters.getByRole("button", { name: "Save filters" }).click();
  await expect(page.getByText("Filters saved")).toBeVisible();
  await page.reload();
  const reloaded = page.locator("form").filter({ has: page.getByRole("button", { name: "Save filters" }) });
  await expect(reloaded.getByRole("checkbox", { name: "invoice.paid", exact: true })).toBeChecked();
  await expect(reloaded.getByRole("checkbox", { name: "order.shipped", exact: true })).toBeChecked();
  await expect(reloaded.getByRole("checkbox", { name: "user.created", exact: true })).not.toBeChecked();
  await expect(reloaded.getByLabel("Channels")).toHaveValue("eu, project_1");
  await expect(reloaded.getByText("2 selected")).toBeVisible();
  // A partial update leaves the other fields alone.
  await expect(page.getByText("Order sync")).toBeVisible();

  // Disabling asks first (on the Overview tab), then is shown at once and kept.
  await endpointTab(page, "Overview");
  await page.getByRole("switch", { name: "Endpoint enabled" }).click();
  const confirmDisable = page.getByRole("dialog", { name: "Disable endpoint" });
  await confirmDisable.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("switch", { name: "Endpoint enabled" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("switch", { name: "Endpoint enabled" }).click();
  await confirmDisable.getByRole("button", { name: "Disable endpoint" }).click();
  await expect(page.getByText("Disabled · by hand").first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("switch", { name: "Endpoint enabled" })).toHaveAttribute("aria-checked", "false");
  await endpointTab(page, "Settings");
  await expect(reloaded.getByRole("checkbox", { name: "invoice.paid", exact: true })).toBeChecked();

  // The application's table summarises the endpoint.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Acme Inc." }).click();
  const row = page.getByRole("row", { name: /127\.0\.0\.1:9\/hook/ });
  await expect(row).toContainText("Order sync");
  await expect(row).toContainText("Disabled · by hand");
  await expect(row).toContainText("invoice.paid");

  // Headers: add one, a credential shows by name only; remove one.
  await row.getByRole("link", { name: "http://127.0.0.1:9/hook" }).click();
  await endpointTab(page, "Settings");
  await page.getByLabel("Header name").fill("X-Tenant");
  await page.getByLabel("Header value").fill("acme");
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header name").fill("Authorization");
  await page.getByLabel("Header value").fill("Bearer very-secret");
  await page.getByRole("button", { name: "Add header" }).click();
  const headers = page.getByRole("table", { name: "Custom headers" });
  await expect(headers.getByRole("row", { name: /X-Tenant/ })).toContainText("acme");
  await expect(headers.getByRole("row", { name: /Authorization/ })).toContainText("hidden");
  await expect(page.getByText("very-secret")).toHaveCount(0);
  await page.getByRole("button", { name: "Remove header X-Tenant" }).click();
  await expect(headers.getByRole("row", { name: /X-Tenant/ })).toHaveCount(0);

  // Edit the endpoint on its own page.
  await page.getByRole("link", { name: "Edit endpoint" }).click();
  await expect(page.getByLabel("Endpoint URL")).toHaveValue("http://127.0.0.1:9/hook");
  await page.getByLabel("Endpoint URL").fill("http://127.0.0.1:9/hook/v2");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(endpointUrl);
  await expect(page.getByRole("heading", { level: 1, name: "http://127.0.0.1:9/hook/v2" })).toBeVisible();

  // Delete the endpoint, then the application (which asks for its name).
  await page.getByRole("button", { name: "Endpoint actions" }).click();
  await page.getByRole("menuitem", { name: "Delete endpoint" }).click();
  await page.getByRole("dialog", { name: "Delete endpoint" }).getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(appUrl);
  await expect(page.getByText("No endpoints yet")).toBeVisible();
  await page.getByRole("button", { name: "Application actions" }).click();
  await page.getByRole("menuitem", { name: "Delete application" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete application" });
  await expect(confirm.getByRole("button", { name: "Delete application" })).toBeDisabled();
  await confirm.getByLabel("Type “Acme Inc.” to confirm").fill("Acme Inc.");
  await confirm.getByRole("button", { name: "Delete application" }).click();
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByText("Create your first application")).toBeVisible();
});

test("applications page with Load more; an endpoint URL that reaches a private address is refused under the URL field", async ({ page }) => {
  await signUpOwner(page, "Sam");
  // 51 applications: one more than a page.
  for (let i = 1; i <= 51; i++) await api(page.request, "POST", "/api/v1/app", { name: `Customer ${String(i).padStart(2, "0")}` });
  await nav(page, "Applications");
  const rows = page.getByRole("row").filter({ has: page.getByRole("link", { name: /^Customer \d\d$/ }) });
  await expect(rows).toHaveCount(50);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(51);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await page.getByRole("link", { name: "Customer 51" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customer 51" })).toBeVisible();

  // The endpoint form shows the server's refusal of a private address under the URL.
  await page.getByRole("button", { name: "Add endpoint" }).first().click();
  await page.getByLabel("Endpoint URL").fill("http://169.254.169.254/");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  const url = page.getByLabel("Endpoint URL");
  await expect(url).toHaveAttribute("aria-invalid", "true");
  const message = page.locator("#endpoint-url-error");
  await expect(message).toContainText("169.254.169.254 is a link-local address");
  await expect(message).toContainText("the cloud metadata service");
  await expect(message).toContainText("endpoints must be reachable on the public internet");
  await expect(page).toHaveURL(/\/endpoints\/new$/);

  // A URL that is not a URL at all is explained the same way.
  await url.fill("not a url");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(message).toContainText("is not a valid absolute URL");
});

test("a viewer sees applications and endpoints but cannot reveal a secret", async ({ page, browser }) => {
  await signUpOwner(page, "Olga");
  const app = await api<{ id: string }>(page.request, "POST", "/api/v1/app", { name: "Globex", uid: "globex" });
  const endpoint = await api<{ id: string }>(page.request, "POST", `/api/v1/app/${app.id}/endpoint`, {
    url: "http://127.0.0.1:9/globex",
    eventTypes: ["invoice.paid"],
  });

  const viewer = await signInViewer(browser, page);
  const v = viewer.page;
  await nav(v, "Applications");
  await expect(v.getByRole("button", { name: "Create application" })).toHaveCount(0);
  await v.getByRole("link", { name: "Globex" }).click();
  await expect(v.getByRole("heading", { level: 1, name: "Globex" })).toBeVisible();
  await expect(v.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
  await expect(v.getByRole("button", { name: "Application actions" })).toHaveCount(0);

  await v.getByRole("link", { name: "http://127.0.0.1:9/globex" }).click();
  await expect(v.getByRole("heading", { level: 1, name: "http://127.0.0.1:9/globex" })).toBeVisible();
  await expect(v.getByRole("switch")).toHaveCount(0);
  await endpointTab(v, "Settings");
  await expect(v.getByRole("heading", { name: "Signing secret" })).toBeVisible();
  await expect(v.getByLabel("Signing secret", { exact: true })).toHaveText(/^whsec_•+$/);
  await expect(v.getByRole("button", { name: "Reveal" })).toHaveCount(0);
  await expect(v.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
  await expect(v.getByRole("switch")).toHaveCount(0);
  await expect(v.getByRole("link", { name: "Edit endpoint" })).toHaveCount(0);
  await expect(v.getByRole("button", { name: "Save filters" })).toHaveCount(0);
  await expect(v.getByText("invoice.paid")).toBeVisible();

  const secret = await v.request.get(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret`);
  expect(secret.status()).toBe(403);
  await viewer.context.close();
});
