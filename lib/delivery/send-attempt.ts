import { isIP } from "node:net";
import { Agent, type Dispatcher, request } from "undici";
import { env } from "@/lib/env";
import { allowedNetworks } from "@/lib/security/endpoint-policy";
import { assertAddressAllowed, createGuardedLookup } from "@/lib/security/network-policy";
import { parseRetryAfter } from "./retry-schedule";
import { webhookHeaders } from "./sign-webhook";

// One try of one delivery: sign the stored bytes and POST them, never following
// redirects, never reaching a blocked address, keeping at most 20 kB of the answer.

export const MAX_RESPONSE_BODY_BYTES = 20 * 1024;
export const USER_AGENT = "Pigeon-Webhooks/1.0";

// interrupted: recorded by the claim that found a worker's lease run out (store/claim.ts), never by a send.
export type ErrorKind = "timeout" | "dns" | "connection" | "tls" | "blocked" | "http_status" | "interrupted";

export interface AttemptRequest {
  msgId: string;
  url: string;
  /** The exact JSON text stored with the message. */
  body: string;
  /** Signing keys: current first, then rotated-out keys still in their grace period. */
  keys: readonly Buffer[];
  /** The endpoint's custom headers. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  now?: () => Date;
  /** The connection pool to use; the process's guarded pool by default. */
  dispatcher?: Dispatcher;
}

export interface AttemptResult {
  succeeded: boolean;
  requestHeaders: Record<string, string>;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  durationMs: number;
  errorKind: ErrorKind | null;
  errorMessage: string | null;
  retryAfterSeconds?: number;
}

const store = globalThis as unknown as { __pigeonAgent?: Agent };

/** The process's one keep-alive connection pool for webhook requests, guarded against SSRF. */
export function deliveryAgent(): Agent {
  store.__pigeonAgent ??= new Agent({
    connect: { lookup: createGuardedLookup(allowedNetworks()), timeout: env().PIGEON_ATTEMPT_TIMEOUT_MS },
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    connections: 64,
  });
  return store.__pigeonAgent;
}

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|EPROTO$)/;
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_ABORTED", "ETIMEDOUT", "ABORT_ERR"]);

/** Sorts a failed request into one of the error kinds shown to users. */
export function classifyError(error: unknown): ErrorKind {
  for (
    let current = error as { code?: unknown; name?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 4;
    current = current.cause as typeof current, depth++
  ) {
    const code = typeof current.code === "string" ? current.code : "";
    const name = typeof current.name === "string" ? current.name : "";
    if (code === "EPIGEON_BLOCKED" || name === "BlockedAddressError") return "blocked";
    if (TIMEOUT_CODES.has(code) || name === "TimeoutError" || name === "AbortError") return "timeout";
    if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") return "dns";
    if (TLS_CODES.test(code)) return "tls";
    if (code) return "connection";
  }
  return "connection";
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

/** Reads at most `limit` bytes of a body, then stops reading and drops the rest. */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const room = limit - size;
    chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    size += Math.min(chunk.length, room);
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function sendAttempt(input: AttemptRequest): Promise<AttemptResult> {
  const timeoutMs = input.timeoutMs ?? env().PIGEON_ATTEMPT_TIMEOUT_MS;
  const now = input.now ?? (() => new Date());
  const requestHeaders: Record<string, string> = {
    ...input.headers,
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    ...webhookHeaders({ msgId: input.msgId, timestamp: Math.floor(now().getTime() / 1000), body: input.body, keys: input.keys }),
  };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failure = (error: unknown): AttemptResult => ({
    succeeded: false,
    requestHeaders,
    status: null,
    headers: null,
    body: null,
    durationMs: elapsed(),
    errorKind: classifyError(error),
    errorMessage: (error as Error)?.message || String(error),
  });
  try {
    // Node skips the lookup hook for IP-literal hosts, so those are checked here.
    const host = new URL(input.url).hostname.replace(/^\[(.*)\]$/, "$1");
    if (isIP(host)) assertAddressAllowed(host, allowedNetworks());
    const response = await request(input.url, {
      method: "POST",
      dispatcher: input.dispatcher ?? deliveryAgent(),
      headers: requestHeaders,
      body: input.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    let body: string;
    try {
      body = await readCapped(response.body, MAX_RESPONSE_BODY_BYTES);
    } catch {
      body = "";
    }
    const headers = flattenHeaders(response.headers);
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    return {
      succeeded: ok,
      requestHeaders,
      status: response.statusCode,
      headers,
      body,
      durationMs: elapsed(),
      errorKind: ok ? null : "http_status",
      errorMessage: ok ? null : `the endpoint answered HTTP ${response.statusCode}`,
      retryAfterSeconds: ok ? undefined : parseRetryAfter(headers["retry-after"] ?? null, now()),
    };
  } catch (error) {
    return failure(error);
  }
}
