import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { PASSWORD, signUp, uniqueEmail } from "../support/accounts";
import { e2eBaseURL } from "../support/base-url";

/** Signs up a new owner through the page and returns their organization's name. */
export async function signUpOwner(page: Page, name: string) {
  const org = `${name} Co ${Date.now()}`;
  await signUp(page, { name, email: uniqueEmail(name.toLowerCase()), org });
  return org;
}

export async function nav(page: Page, label: string) {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: label }).click();
}

/** Calls the REST API with the page's session cookie and expects success. */
export async function api<T>(request: APIRequestContext, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, data?: unknown): Promise<T> {
  // As the console's own pages do: writes with the session cookie carry Pigeon's Origin.
  const response = await request.fetch(url, { method, data, headers: method === "GET" ? {} : { origin: e2eBaseURL } });
  expect(response.ok(), `${method} ${url} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return (response.status() === 204 ? null : await response.json()) as T;
}

/**
 * Invites a viewer through the API, signs them up with the invitation token and signs
 * them in through the login page, in a browser context of their own.
 */
export async function signInViewer(browser: Browser, owner: Page) {
  const email = uniqueEmail("vera");
  const invitation = await api<{ link: string }>(owner.request, "POST", "/api/console/team/invitations", { email, role: "viewer" });
  const inviteToken = invitation.link.split("/invite/")[1];
  const context = await browser.newContext();
  const page = await context.newPage();
  await api(page.request, "POST", "/api/console/signup", { name: "Vera Viewer", email, password: PASSWORD, inviteToken });
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("button", { name: "Account menu" })).toContainText("viewer");
  return { context, page };
}

/** Opens one of the endpoint page's tabs (Overview, Attempts or Reads, Settings). */
export async function endpointTab(page: Page, name: "Overview" | "Attempts" | "Reads" | "Settings") {
  const tab = page.getByRole("tablist", { name: "Endpoint sections" }).getByRole("tab", { name });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-selected", "true");
}
