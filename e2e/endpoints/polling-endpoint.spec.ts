import { expect, type Page, test } from "@playwright/test";
import { api, endpointTab, signInViewer, signUpOwner } from "../apps/helpers";

// A polling endpoint from the console: created through the form, its token shown once, a
// consumer reading with that token appearing in the live Consumers table, and the token
// rotated exactly once however the confirm button is clicked.

const TOKEN = /^pgs_(app_[0-9A-Za-z]+)\.(ep_[0-9A-Za-z]+)\.[\w-]{16,}$/;

/** Whether the page scrolls sideways (it must not, even on a phone). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** A consumer's read of the endpoint's messages, as a program would make it: no cookie, only the token. */
const consumerPoll = (baseURL: string, appId: string, endpointId: string, token: string) =>
  fetch(`${baseURL}/api/v1/app/${appId}/poller/${endpointId}/consumer/test-consumer`, { headers: { authorization: `Bearer ${token}` } });

test("a polling endpoint: token shown once, a consumer appears, the token rotates once", async ({ page, browser, baseURL }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUpOwner(page, "Polly");
  const app = await api<{ id: string }>(page.request, "POST", "/api/v1/app", { name: "Warehouse" });

  // The form: choose Polling; the URL field goes away (a URL typed before is not sent).
  await page.goto(`/apps/${app.id}`);
  await page.getByRole("button", { name: "Add endpoint" }).first().click();
  await expect(page.getByRole("radio", { name: /Webhook \(we POST to your URL\)/ })).toBeChecked();
  await page.getByLabel("Endpoint URL").fill("https://example.com/typed-before-switching");
  await page.getByRole("radio", { name: /Polling \(your consumers pull or stream\)/ }).check();
  await expect(page.getByLabel("Endpoint URL")).toHaveCount(0);
  await expect(page.getByLabel("Rate limit (messages per second)")).toHaveCount(0);
  await page.getByLabel("Description").fill("Warehouse sync");
  await page.screenshot({ path: test.info().outputPath("polling-create-form.png"), fullPage: true });
  await page.getByRole("button", { name: "Create endpoint" }).click();

  // The token, once, with a copy button and the code to read the endpoint.
  await expect(page.getByRole("heading", { level: 1, name: "Polling endpoint created" })).toBeVisible();
  await expect(page.getByText("Shown once.")).toBeVisible();
  const token = (await page.getByLabel("Polling token").textContent())!.trim();
  const [, appId, endpointId] = TOKEN.exec(token)!;
  expect(appId).toBe(app.id);
  await page.getByRole("button", { name: "Copy token" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  const poller = `${baseURL}/api/v1/app/${appId}/poller/${endpointId}`;
  await expect(page.getByRole("region", { name: "Poll with curl" })).toContainText(`${poller}/consumer/my-worker`);
  await page.getByRole("tab", { name: "Stream (EventSource)" }).click();
  await expect(page.getByRole("region", { name: /Stream with EventSource/ })).toContainText(`${poller}/stream`);
  await expect(page.getByRole("region", { name: /Stream with EventSource/ })).toContainText('searchParams.set("token"');
  await page.getByRole("tab", { name: "SDK (svix)" }).click();
  await expect(page.getByRole("region", { name: "Poll with the svix SDK" })).toContainText("svix.message.poller.consumerPoll");
  await page.getByRole("tab", { name: "Stream (WebSocket)" }).click();
  await expect(page.getByRole("region", { name: /WebSocket/ })).toContainText(`${poller.replace(/^http/, "ws")}/ws?consumer=my-worker`);
  await page.getByRole("tab", { name: "CLI (pigeon listen)" }).click();
  await expect(page.getByRole("region", { name: /pigeon listen/ })).toContainText(`npx pigeon listen --server ${baseURL}`);
  // The samples read the token from the environment; it is on the page only once.
  await expect(page.getByText(token)).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath("polling-created.png"), fullPage: true });

  // The endpoint's page: its poller URL and token prefix, nothing that sends to a URL.
  await page.getByRole("link", { name: "Go to the endpoint" }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/endpoints/${endpointId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Warehouse sync");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Polling");
  await expect(page.getByText(poller, { exact: true })).toBeVisible();
  const prefix = page.getByLabel("Token prefix");
  await expect(prefix).toHaveText(`${token.slice(0, token.lastIndexOf(".") + 5)}…`);
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send test event" })).toHaveCount(0);
  await page.getByRole("button", { name: "Endpoint actions" }).click();
  await expect(page.getByRole("menuitem", { name: /Recover/ })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByText("No consumers yet")).toBeVisible();

  // A message, then one read by the consumer "test-consumer" with the token: it appears by itself.
  await api(page.request, "POST", `/api/v1/app/${appId}/msg`, { eventType: "stock.changed", payload: { sku: "TSHIRT-M", qty: 4 } });
  const read = await consumerPoll(baseURL!, appId!, endpointId!, token);
  expect(read.status, await read.clone().text()).toBe(200);
  expect(((await read.json()) as { data: { eventType: string }[] }).data.map((m) => m.eventType)).toEqual(["stock.changed"]);
  const consumers = page.getByRole("table", { name: "Consumers" });
  const row = consumers.getByRole("row", { name: /test-consumer/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Up to date");
  await expect(row).toContainText("just now");
  // The read is in the Reads tab.
  await endpointTab(page, "Reads");
  await expect(page.getByText('Read by consumer "test-consumer" (poll)')).toBeVisible();
  await endpointTab(page, "Overview");

  // The page at desktop and phone widths, for a person to look at; never wider than a phone.
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.screenshot({ path: test.info().outputPath("polling-endpoint-1440.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(row).toBeVisible();
  expect(await scrollsSideways(page)).toBe(false);
  await page.screenshot({ path: test.info().outputPath("polling-endpoint-390.png"), fullPage: true });
  // On a phone the console's navigation is behind the menu button.
  await page.getByRole("button", { name: "Open the menu" }).click();
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Applications" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Rotate: a double click on the confirm button rotates once; the new token is shown once.
  let rotations = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith(`/endpoint/${endpointId}/token/rotate`)) rotations++;
  });
  await page.getByRole("button", { name: "Rotate token" }).click();
  const confirm = page.getByRole("dialog", { name: "Rotate token" });
  await expect(confirm).toContainText("stops working at once");
  await confirm.getByRole("button", { name: "Rotate token" }).dblclick();
  const shown = page.getByRole("dialog", { name: "New token" });
  await expect(shown).toContainText("Shown once.");
  const rotated = (await shown.getByLabel("Polling token").textContent())!.trim();
  expect(rotated).toMatch(TOKEN);
  expect(rotated).not.toBe(token);
  expect(rotations).toBe(1);
  await page.screenshot({ path: test.info().outputPath("polling-rotated.png") });
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText(rotated)).toHaveCount(0);
  await expect(prefix).toHaveText(`${rotated.slice(0, rotated.lastIndexOf(".") + 5)}…`);
  expect((await consumerPoll(baseURL!, appId!, endpointId!, token)).status).toBe(401);
  expect((await consumerPoll(baseURL!, appId!, endpointId!, rotated)).status).toBe(200);
  expect(rotations).toBe(1);

  // Editing keeps it a polling endpoint: no type to change, no URL to give.
  await page.getByRole("link", { name: "Edit endpoint" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit endpoint" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Polling/ })).toHaveCount(0);
  await expect(page.getByLabel("Endpoint URL")).toHaveCount(0);
  await page.getByLabel("Description").fill("Warehouse sync (EU)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Warehouse sync (EU)");
  await expect(page.getByLabel("Token prefix")).toHaveText(`${rotated.slice(0, rotated.lastIndexOf(".") + 5)}…`);

  // The application's list names it by type and id, never a blank URL.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Warehouse" }).click();
  const listed = page.getByRole("row", { name: new RegExp(endpointId!) });
  await expect(listed).toContainText("Polling");
  await expect(listed.getByRole("link", { name: endpointId! })).toBeVisible();

  // A viewer sees the consumers and the prefix, and no way to rotate.
  const viewer = await signInViewer(browser, page);
  await viewer.page.goto(`/apps/${appId}/endpoints/${endpointId}`);
  await expect(viewer.page.getByRole("table", { name: "Consumers" }).getByRole("row", { name: /test-consumer/ })).toBeVisible();
  await expect(viewer.page.getByLabel("Token prefix")).toHaveText(`${rotated.slice(0, rotated.lastIndexOf(".") + 5)}…`);
  await expect(viewer.page.getByRole("button", { name: "Rotate token" })).toHaveCount(0);
  await viewer.context.close();
});
