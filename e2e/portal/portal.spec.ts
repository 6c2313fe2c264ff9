import { expect, test } from "@playwright/test";
import { api, endpointTab, signUpOwner } from "../apps/helpers";
import { apiWithKey, jsonAnswer, post } from "../delivery-logs/support";
import { e2eBaseURL } from "../support/base-url";
import { startReceiver } from "../../tests/support/receiver";
import { portalLink, startHostPage } from "./support";

test("a customer opens the magic link, adds an endpoint, follows a message's attempts, resends it and rotates the secret", async ({
  page,
  browser,
  baseURL,
}) => {
  const receiver = await startReceiver(jsonAnswer(500, { error: "billing-down-4KZ" }));
  const url = receiver.url("/hooks/globex");
  try {
    await signUpOwner(page, "Petra");
    const client = await apiWithKey(page, baseURL!);
    const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Globex" });
    await post(client, "/api/v1/event-type", {
      name: "invoice.paid",
      description: "An invoice was paid in full",
      schemas: { "1": { type: "object", properties: { invoiceId: { type: "string" } }, examples: [{ invoiceId: "in_example" }] } },
    });
    const link = await portalLink(client, app.id);

    // The customer's browser: no account, only the link.
    const context = await browser.newContext();
    const customer = await context.newPage();
    await customer.goto(link.url);
    await expect(customer.getByRole("heading", { level: 1, name: "Endpoints" })).toBeVisible();
    await expect(customer.getByText("Webhooks for Globex")).toBeVisible();
    // The token left the address bar and the history entry.
    expect(customer.url()).toBe(`${e2eBaseURL}/portal/${app.id}`);
    expect(await customer.evaluate(() => window.location.hash)).toBe("");
    // Its cookie is http-only: the page's scripts cannot read it.
    expect(await customer.evaluate(() => document.cookie)).not.toContain("pigeon_portal");
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "pigeon_portal")?.httpOnly).toBe(true);
    // A reload keeps the session (the cookie), without the token.
    await customer.reload();
    await expect(customer.getByRole("heading", { level: 1, name: "Endpoints" })).toBeVisible();
    // The console and its API stay closed to a portal session.
    expect((await customer.request.get("/api/v1/app")).status()).toBeGreaterThanOrEqual(400);
    expect([401, 403]).toContain((await customer.request.get("/api/console/settings")).status());

    // Add an endpoint, subscribed to one event type of the catalogue (its description and example shown).
    await customer.getByRole("button", { name: "Add endpoint" }).first().click();
    await expect(customer).toHaveURL(new RegExp(`/portal/${app.id}/endpoints/new$`));
    await customer.getByLabel("Endpoint URL").fill(url);
    await customer.getByLabel("Description").fill("Billing sync");
    await expect(customer.getByText("An invoice was paid in full")).toBeVisible();
    await customer.getByText("Example payload").click();
    await expect(customer.getByLabel("Example payload of invoice.paid")).toContainText("in_example");
    await customer.getByRole("checkbox", { name: "invoice.paid", exact: true }).check();
    await customer.getByRole("button", { name: "Create endpoint" }).click();
    await expect(customer).toHaveURL(new RegExp(`/portal/${app.id}/endpoints/ep_`));
    await expect(customer.getByRole("heading", { level: 1, name: url })).toBeVisible();
    const endpointId = customer.url().split("/endpoints/")[1]!;

    // The operator's backend sends a message; the receiver fails it.
    const message = await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, { eventType: "invoice.paid", payload: { invoiceId: "in_7001" } });
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);

    // The delivery log, scoped to this application: the message, then its attempts with the receiver's answer.
    await customer.getByRole("navigation", { name: "Application" }).getByRole("link", { name: "Messages" }).click();
    const row = customer.getByRole("row", { name: /invoice\.paid/ });
    await expect(row).toContainText(message.id);
    await row.getByRole("link", { name: "invoice.paid" }).click();
    await expect(customer).toHaveURL(new RegExp(`/portal/${app.id}/messages/${message.id}$`));
    const first = customer.getByRole("article", { name: "Attempt 1" });
    await expect(first).toContainText("HTTP 500");
    await expect(first.getByLabel("Response body")).toContainText("billing-down-4KZ");

    // Resend, now that the receiver is back: a manual attempt appears by itself.
    receiver.answer("*", jsonAnswer(200, { ok: true }));
    await customer.getByRole("button", { name: `Resend to ${url}` }).click();
    const manual = customer.getByRole("article").filter({ hasText: "manual" });
    await expect(manual).toHaveCount(1);
    await expect(manual).toContainText("HTTP 200");
    expect(receiver.received.at(-1)!.headers["webhook-id"]).toBe(message.id);

    // Rotate the signing secret: the one revealed afterwards is new.
    await customer.goto(`/portal/${app.id}/endpoints/${endpointId}`);
    // Its counters, in the log's words: the resend delivered it.
    await expect(customer.getByLabel("Deliveries by status")).toContainText("Succeeded1");
    await endpointTab(customer, "Settings");
    const secret = customer.getByLabel("Signing secret", { exact: true });
    await customer.getByRole("button", { name: "Reveal" }).click();
    await expect(secret).toContainText("whsec_");
    const before = (await secret.textContent())!;
    await customer.getByRole("button", { name: "Rotate secret" }).click();
    await customer.getByRole("dialog", { name: "Rotate signing secret" }).getByRole("button", { name: "Rotate secret" }).click();
    await expect(customer.getByText("Secret rotated")).toBeVisible();
    await expect(secret).toContainText("whsec_");
    await expect(secret).not.toHaveText(before);

    // The event catalogue: description, schema, example.
    await customer.getByRole("navigation", { name: "Application" }).getByRole("link", { name: "Event catalogue" }).click();
    await expect(customer.getByRole("heading", { level: 1, name: "Event catalogue" })).toBeVisible();
    await customer.getByRole("button", { name: "Show example payload of invoice.paid" }).click();
    await expect(customer.getByLabel("Schema of invoice.paid")).toContainText('"invoiceId"');
    await expect(customer.getByRole("button", { name: /Create event type/ })).toHaveCount(0);

    // Sign out: the cookie's session ends.
    await customer.getByRole("button", { name: "Sign out" }).click();
    await expect(customer.getByRole("heading", { name: "Signed out" })).toBeVisible();
    await customer.goto(`/portal/${app.id}`);
    await expect(customer.getByRole("heading", { name: /This link has expired or was revoked/ })).toBeVisible();
    await context.close();
    await client.dispose();
  } finally {
    await receiver.close();
  }
});

test("a read-only link shows no control that changes anything, and the API refuses its writes", async ({ page, browser, baseURL }) => {
  await signUpOwner(page, "Rhea");
  const client = await apiWithKey(page, baseURL!);
  const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Initech" });
  const endpoint = await post<{ id: string }>(client, `/api/v1/app/${app.id}/endpoint`, { url: "http://127.0.0.1:9/initech", description: "TPS reports" });
  const message = await post<{ id: string }>(client, `/api/v1/app/${app.id}/msg`, { eventType: "report.filed", payload: { id: 1 } });
  const link = await portalLink(client, app.id, { readOnly: true });

  const context = await browser.newContext();
  const customer = await context.newPage();
  await customer.goto(link.url);
  await expect(customer.getByRole("heading", { level: 1, name: "Endpoints" })).toBeVisible();
  await expect(customer.getByText("Read-only")).toBeVisible();
  await expect(customer.getByRole("link", { name: "http://127.0.0.1:9/initech" })).toBeVisible();
  await expect(customer.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);

  await customer.getByRole("link", { name: "http://127.0.0.1:9/initech" }).click();
  await expect(customer.getByRole("heading", { level: 1, name: "http://127.0.0.1:9/initech" })).toBeVisible();
  await expect(customer.getByRole("switch", { name: "Endpoint enabled" })).toHaveCount(0);
  await endpointTab(customer, "Attempts");
  await expect(customer.getByRole("heading", { name: "Attempts" })).toBeVisible();
  await endpointTab(customer, "Settings");
  await expect(customer.getByRole("heading", { name: "Signing secret" })).toBeVisible();
  for (const name of ["Edit endpoint", "Send test event", "Endpoint actions", "Rotate secret", "Save filters", "Add header"]) {
    await expect(customer.getByRole("button", { name }).or(customer.getByRole("link", { name }))).toHaveCount(0);
  }
  await expect(customer.getByRole("switch", { name: "Endpoint enabled" })).toHaveCount(0);

  await customer.goto(`/portal/${app.id}/messages/${message.id}`);
  await expect(customer.getByRole("heading", { level: 1, name: "report.filed" })).toBeVisible();
  await expect(customer.getByRole("button", { name: /Resend/ })).toHaveCount(0);

  // The server refuses what the page does not offer, whatever the page does.
  const write = (method: string, path: string, data: unknown = {}) =>
    customer.request.fetch(path, { method, data, headers: { origin: e2eBaseURL } }).then((r) => r.status());
  expect(await write("POST", `/api/v1/app/${app.id}/endpoint`, { url: "http://127.0.0.1:9/other" })).toBe(403);
  expect(await write("PATCH", `/api/v1/app/${app.id}/endpoint/${endpoint.id}`, { disabled: true })).toBe(403);
  expect(await write("DELETE", `/api/v1/app/${app.id}/endpoint/${endpoint.id}`)).toBe(403);
  expect(await write("POST", `/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret/rotate`)).toBe(403);
  expect(await write("POST", `/api/v1/app/${app.id}/msg/${message.id}/endpoint/${endpoint.id}/resend`)).toBe(403);
  // Another application of the same organization is out of its reach.
  const other = await post<{ id: string }>(client, "/api/v1/app", { name: "Other" });
  expect((await customer.request.get(`/api/v1/app/${other.id}/endpoint`)).status()).toBe(404);
  await context.close();
  await client.dispose();
});

test("the portal renders in an iframe on an allowed origin, sizes it by its height hint, and refuses any other", async ({ page, browser, baseURL }) => {
  await signUpOwner(page, "Iris");
  const client = await apiWithKey(page, baseURL!);
  const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Hooli" });
  const allowedLink = await portalLink(client, app.id);
  const refusedLink = await portalLink(client, app.id);
  const allowed = await startHostPage(allowedLink.url);
  const refused = await startHostPage(refusedLink.url);
  try {
    await api(page.request, "PATCH", "/api/console/settings", {
      portal: { displayName: "Hooli Cloud", primaryColor: "#0f766e", frameAncestors: [allowed.origin] },
    });

    const context = await browser.newContext();
    const host = await context.newPage();
    await host.goto(allowed.origin);
    const frame = host.frameLocator("#portal");
    await expect(frame.getByRole("heading", { level: 1, name: "Endpoints" })).toBeVisible();
    await expect(frame.getByText("Hooli Cloud")).toBeVisible();
    // The organization's primary color is the portal's.
    await expect(frame.getByRole("link", { name: "Endpoints" })).toBeVisible();
    expect(await frame.locator("html").evaluate((html) => getComputedStyle(html).getPropertyValue("--portal-primary").trim())).toBe("#0f766e");
    // The host heard the height and sized the frame with it.
    await expect.poll(() => host.evaluate(() => Number(document.body.dataset.portalHeight ?? 0))).toBeGreaterThan(200);
    const height = await host.evaluate(() => Number(document.body.dataset.portalHeight));
    expect(Math.round((await host.locator("#portal").boundingBox())!.height)).toBe(height);
    // Inside the frame too, the token is gone from the address.
    const portalFrame = host.frames().find((f) => f.url().includes("/portal/"))!;
    expect(portalFrame.url()).not.toContain("token");

    // Another origin is refused: the browser does not render the portal there.
    const elsewhere = await context.newPage();
    const refusedFrame = new Promise<string>((resolve) =>
      elsewhere.on("console", (message) => {
        if (/frame-ancestors|Refused to frame/i.test(message.text())) resolve(message.text());
      }),
    );
    await elsewhere.goto(refused.origin);
    expect(await refusedFrame).toMatch(/frame-ancestors/);
    await expect(elsewhere.frameLocator("#portal").getByRole("heading", { name: "Endpoints" })).toHaveCount(0);
    await context.close();
  } finally {
    await allowed.close();
    await refused.close();
    await client.dispose();
  }
});

test("the console opens the customer portal in a new tab, lists its sessions and revokes one", async ({ page, baseURL }) => {
  await signUpOwner(page, "Oona");
  const client = await apiWithKey(page, baseURL!);
  const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Umbrella" });
  await page.goto(`/apps/${app.id}`);
  const card = page.getByRole("region", { name: "Customer portal" });
  await expect(card.getByText("No active portal sessions")).toBeVisible();

  const [tab] = await Promise.all([page.context().waitForEvent("page"), card.getByRole("button", { name: "Open customer portal" }).dblclick()]);
  await tab.waitForURL(new RegExp(`/portal/${app.id}$`));
  await expect(tab.getByRole("heading", { level: 1, name: "Endpoints" })).toBeVisible();
  expect(tab.url()).not.toContain("token");

  // One link for the double click, issued by this person.
  const sessions = page.getByRole("table", { name: "Active portal sessions" });
  await expect(sessions.getByRole("row")).toHaveCount(2);
  await expect(sessions).toContainText("Oona");
  await expect(sessions).toContainText("Everything");

  await sessions.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke portal session" }).getByRole("button", { name: "Revoke session" }).click();
  await expect(page.getByText("Portal session revoked")).toBeVisible();
  await expect(card.getByText("No active portal sessions")).toBeVisible();

  await tab.reload();
  await expect(tab.getByRole("heading", { name: /This link has expired or was revoked — ask for a new one/ })).toBeVisible();
  await client.dispose();
});

test("Settings → Customer portal: name, color and frame origins are checked as typed, saved, and shown to customers", async ({ page, browser, baseURL }) => {
  await signUpOwner(page, "Sven");
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Customer portal" });
  await form.getByLabel("Display name").fill("Stark Webhooks");
  await form.getByLabel("Primary color", { exact: true }).fill("#b91c1c");
  await form.getByLabel("Allowed frame origins").fill("https://app.stark.example\nnot an origin");
  await expect(form.getByText(/must be an origin such as https:\/\/app\.example\.com/)).toBeVisible();
  await expect(form.getByRole("button", { name: "Save portal settings" })).toBeEnabled();
  await form.getByLabel("Allowed frame origins").fill("https://app.stark.example/\nhttps://admin.stark.example");
  await form.getByRole("button", { name: "Save portal settings" }).click();
  await expect(page.getByText("Portal settings saved")).toBeVisible();
  // Stored as origins.
  await page.reload();
  await expect(page.getByRole("form", { name: "Customer portal" }).getByLabel("Allowed frame origins")).toHaveValue(
    "https://app.stark.example\nhttps://admin.stark.example",
  );

  const client = await apiWithKey(page, baseURL!);
  const app = await post<{ id: string }>(client, "/api/v1/app", { name: "Wayne" });
  const link = await portalLink(client, app.id);
  const context = await browser.newContext();
  const customer = await context.newPage();
  await customer.goto(link.url);
  await expect(customer.getByText("Stark Webhooks")).toBeVisible();
  await expect(customer.getByRole("button", { name: "Add endpoint" }).first()).toHaveCSS("background-color", "rgb(185, 28, 28)");
  await context.close();
  await client.dispose();
});
