import { inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

/** A tiny cookie-keeping client for the console's session routes. */
export class Browser {
  cookies = new Map<string, string>();
  // Each simulated browser comes from its own address (the test server trusts one proxy
  // hop, as if behind a load balancer), so per-address limits don't mix tests.
  ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

  async fetch(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", this.ip);
    // As a browser does on every write: the page's origin (Pigeon refuses cookie writes without it).
    if (!headers.has("origin") && init.method && !["GET", "HEAD"].includes(init.method)) headers.set("origin", baseUrl());
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(`${baseUrl()}${path}`, { ...init, headers, redirect: "manual" });
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
