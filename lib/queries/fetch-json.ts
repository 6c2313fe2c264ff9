// One intent acts once. A POST from the console carries an Idempotency-Key, and the same
// POST (same URL and body) asked for again while it is in flight, or within REPEAT_MS of its
// answer, is that request: a second click before the button shows it is busy shares the
// first one's promise, and one a moment later (or a retry the browser makes) gets the
// first answer replayed by the server instead of acting again.

const REPEAT_MS = 2_000;
const inFlight = new Map<string, Promise<unknown>>();
const recentKeys = new Map<string, { key: string; until: number }>();

function idempotencyKey(intent: string): string {
  const now = Date.now();
  for (const [k, v] of recentKeys) if (v.until < now) recentKeys.delete(k);
  // getRandomValues, unlike randomUUID, also works on a console served over plain http.
  return recentKeys.get(intent)?.key ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Fetches JSON from Pigeon's own API and throws the server's readable message on failure. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  if (init?.method !== "POST") return request<T>(url, init);
  const intent = `${url}\n${typeof init.body === "string" ? init.body : ""}`;
  const running = inFlight.get(intent);
  if (running) return running as Promise<T>;
  const key = idempotencyKey(intent);
  const sent = request<T>(url, { ...init, headers: { "idempotency-key": key, ...init.headers } }).finally(() => {
    inFlight.delete(intent);
    recentKeys.set(intent, { key, until: Date.now() + REPEAT_MS });
  });
  inFlight.set(intent, sent);
  return sent;
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...init?.headers },
  }).catch(() => {
    // The browser's own "Failed to fetch" says nothing a person can act on.
    throw new Error("Pigeon cannot be reached: check your connection, or whether the server is running");
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
