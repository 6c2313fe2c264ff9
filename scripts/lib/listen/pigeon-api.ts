import type { ListenOptions } from "./options";

// The three calls a listener makes to Pigeon with its polling token: the endpoint's signing
// secret, where its consumer stands, and the stream of messages.

/** An answer from Pigeon that trying again will not change (bad token, unknown endpoint…): the listener stops. */
export class FatalApiError extends Error {
  override name = "FatalApiError";
  constructor(
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** An answer worth trying again later (server down, restarting, rate limited, endpoint disabled). */
export class TransientApiError extends Error {
  override name = "TransientApiError";
  constructor(
    message: string,
    /** What the server's Retry-After asked for, if anything. */
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

/** Where the stream starts: after a forwarded message, at a consumer's iterator, or at the beginning. */
export type Cursor = { lastEventId: string } | { iterator: string } | { beginning: true };

// 408, 409 (the endpoint is disabled until someone enables it), 425 and 429 pass; other 4xx do not.
const TRANSIENT_4XX = new Set([408, 409, 425, 429]);

async function failure(response: Response, what: string): Promise<Error> {
  const text = await response.text().catch(() => "");
  let detail = text.slice(0, 500);
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    if (body.detail !== undefined) detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
  } catch {
    // Not JSON (a proxy's page): shown as it came.
  }
  const message = `${what}: ${response.status} ${detail}`.trim();
  if (response.status < 500 && !TRANSIENT_4XX.has(response.status)) return new FatalApiError(message, response.status);
  const retryAfter = Number(response.headers.get("retry-after"));
  return new TransientApiError(message, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 0);
}

/** A failed connection (refused, reset, DNS) is transient; its cause says which. */
function unreachable(error: unknown, what: string): Error {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new TransientApiError(`${what}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
}

export function pigeonApi(options: Pick<ListenOptions, "server" | "token" | "appId" | "endpointId">) {
  // Relative to the server's address, so one behind a path prefix works too.
  const base = new URL(options.server.href.endsWith("/") ? options.server.href : `${options.server.href}/`);
  const address = (path: string, query: Record<string, string> = {}) => {
    const url = new URL(path, base);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  };
  const app = `api/v1/app/${options.appId}`;

  async function get(url: URL, what: string, init: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${options.token}`, ...init.headers }, signal: init.signal });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw unreachable(error, what);
    }
    if (!response.ok) throw await failure(response, what);
    return response;
  }

  return {
    /** The endpoint's current signing secret (whsec_…). */
    async secret(): Promise<string> {
      const response = await get(address(`${app}/endpoint/${options.endpointId}/secret`), "reading the endpoint's signing secret");
      return ((await response.json()) as { key: string }).key;
    },

    /** Where `consumer` stands now (its iterator), or null when the server has never seen it. */
    async consumerIterator(consumer: string): Promise<string | null> {
      const response = await get(address(`${app}/poller/${options.endpointId}/consumer`), "reading the endpoint's consumers");
      const { data } = (await response.json()) as { data: { consumerId: string; iterator: string }[] };
      return data.find((c) => c.consumerId === consumer)?.iterator ?? null;
    },

    /** Tells the server `consumer` processed everything up to message `id`, so its position and lag in the console are true. */
    async ack(consumer: string, id: string): Promise<void> {
      const url = address(`${app}/poller/${options.endpointId}/consumer/${consumer}/ack`);
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
          body: JSON.stringify({ id }),
        });
      } catch (error) {
        throw unreachable(error, "acknowledging a message");
      }
      if (!response.ok) throw await failure(response, "acknowledging a message");
      await response.body?.cancel();
    },

    /** The open stream, read as `consumer`; `signal` closes it. */
    async stream(cursor: Cursor, consumer: string, signal: AbortSignal): Promise<Response> {
      const query: Record<string, string> = { consumer };
      const headers: Record<string, string> = { accept: "text/event-stream" };
      if ("lastEventId" in cursor) headers["last-event-id"] = cursor.lastEventId;
      else if ("iterator" in cursor) query.iterator = cursor.iterator;
      // The first message created at or after the epoch: every message the endpoint has.
      else query.after = new Date(0).toISOString();
      const response = await get(address(`${app}/poller/${options.endpointId}/stream`, query), "opening the stream", { headers, signal });
      // A 200 of another kind (a proxy's sign-in page, a web server that is not Pigeon) would otherwise look like a quiet stream.
      if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
        await response.body?.cancel();
        throw new FatalApiError(
          `opening the stream: the answer is ${response.headers.get("content-type") ?? "untyped"}, not an event stream; is ${options.server.href} Pigeon's address?`,
        );
      }
      return response;
    },
  };
}
