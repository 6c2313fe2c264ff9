/** Fetches JSON from Pigeon's own API and throws the server's readable message on failure. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...init?.headers },
  });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      (body && (typeof body.message === "string" ? body.message : typeof body.detail === "string" ? body.detail : null)) ??
      `Request failed (${response.status})`;
    throw new Error(message);
  }
  return body as T;
}
