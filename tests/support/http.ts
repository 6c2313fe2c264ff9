import { expect, inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

// Each simulated browser comes from its own address (the test server trusts one proxy hop,
// as if behind a load balancer), so per-address limits don't mix tests: addresses in
// 10.0.0.0/8 taken in turn from a random start, so none repeats within a test file and two
// files (one server serves them all) share one with a chance of one in millions.
let nextAddress = Math.floor(Math.random() * 0xfff000);
const uniqueAddress = () => {
  const n = ++nextAddress;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/** A tiny cookie-keeping client for the console's session routes (of the run's server, or of `base`). */
export class Browser {
  constructor(readonly base: string = baseUrl()) {}
  cookies = new Map<string, string>();
  ip = uniqueAddress();

  async fetch(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", this.ip);
    // As a browser does on every write: the page's origin (Pigeon refuses cookie writes without it).
    if (!headers.has("origin") && init.method && !["GET", "HEAD"].includes(init.method)) headers.set("origin", this.base);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(`${this.base}${path}`, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
    return response;
  }

  json(path: string, method: string, body?: unknown) {
    return this.fetch(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /** Signs in through next-auth's credentials callback, as the login form does. */
  async login(email: string, password: string) {
    const { csrfToken } = await (await this.fetch("/api/auth/csrf")).json();
    return this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
  }
}

export function apiClient(key: string) {
  return (path: string, init: RequestInit & { json?: unknown } = {}) =>
    fetch(`${baseUrl()}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...init.headers },
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
    });
}

export type ApiClient = ReturnType<typeof apiClient>;

/** The JSON body of an answer that must have `status` (any 2xx when not given). */
export async function json<T = Record<string, unknown>>(response: Response | Promise<Response>, status?: number): Promise<T> {
  const r = await response;
  const text = await r.text();
  if (status === undefined) expect(r.status, text).toBeLessThan(300);
  else expect(r.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** A new application of the API key's organization. */
export function createApp(api: ApiClient, name: string, extra: object = {}) {
  return json<{ id: string }>(api("/api/v1/app", { method: "POST", json: { name, ...extra } }), 201);
}

/** A new endpoint of the application, with its signing secret. */
export async function createEndpoint(api: ApiClient, appId: string, url: string, extra: object = {}) {
  const endpoint = await json<{ id: string; url: string }>(api(`/api/v1/app/${appId}/endpoint`, { method: "POST", json: { url, ...extra } }), 201);
  const { key: secret } = await json<{ key: string }>(api(`/api/v1/app/${appId}/endpoint/${endpoint.id}/secret`));
  return { ...endpoint, secret };
}

/**
 * POSTs JSON with an API key to a server of a test's own; its JSON answer, or an error saying
 * what came back. Over the organization's rate limit (429) it waits as `Retry-After` says and
 * tries again, as a well-behaved sender does.
 */
export async function postJson(serverUrl: string, key: string, pathname: string, body: unknown) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${serverUrl}${pathname}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = await response.json();
    if (response.status === 429 && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get("retry-after") ?? 1) * 1000));
      continue;
    }
    if (!response.ok) throw new Error(`${pathname}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }
}
