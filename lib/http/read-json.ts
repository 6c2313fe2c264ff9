import { env } from "@/lib/env";
import { AppError, invalid } from "@/lib/errors";
import { formatBytes } from "@/lib/utils";

// Request bodies are hostile until read: at most `maxBytes` are read (refused from
// Content-Length before reading, or as soon as the stream passes it), JSON must say it is
// JSON, and a parsed value must be storable (no lone UTF-16 surrogates or NUL characters,
// which PostgreSQL refuses) and shallow enough to serialize again.

/** Deeper JSON is refused (serde_json, behind Svix, stops at 128 too). */
export const MAX_JSON_DEPTH = 128;

const tooLarge = (limit: number) =>
  new AppError("payload_too_large", `The request body is larger than ${limit.toLocaleString("en-US")} bytes (${formatBytes(limit)})`);

// A body is read once; wrappers (withOrg, for its limit and Idempotency-Key) and the
// handler after them share it.
const bodies = new WeakMap<Request, string>();

/** The body as text, read at most once and never beyond `maxBytes` (default PIGEON_MAX_BODY_BYTES): 413 beyond. */
export async function readBody(request: Request, maxBytes: number = env().PIGEON_MAX_BODY_BYTES): Promise<string> {
  const cached = bodies.get(request);
  if (cached !== undefined) return cached;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  let text = "";
  if (request.body) {
    const reader = request.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      // A client that goes away mid-body is its own problem, not the server's (nor the database's).
      const { done, value } = await reader.read().catch(() => {
        throw new AppError("bad_request", "The request body could not be read: the connection closed before it was complete");
      });
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
    text = Buffer.concat(chunks).toString("utf8");
  }
  bodies.set(request, text);
  return text;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The request's JSON body ({} when empty). A body that is not JSON is a 400, one sent as
 * another content type a 415 (which also keeps cross-site form posts out), one with
 * unstorable strings or nested too deeply a 422 naming the field.
 */
export async function readJson(request: Request, options: { maxBytes?: number } = {}): Promise<unknown> {
  const text = await readBody(request, options.maxBytes);
  if (!text.trim()) return {};
  const type = request.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      `Send the body as JSON with \`Content-Type: application/json\`${type ? ` (got "${type.slice(0, 100)}")` : ""}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
  assertStorableJson(value);
  return value;
}

// In a `u` regex a surrogate pair is one code point, so \p{Surrogate} finds only lone halves.
const UNSTORABLE = /[\p{Surrogate}\0]/u;
const unstorable = (text: string) => UNSTORABLE.test(text);

/** A first, cheap pass: is anything in the value too deep or unstorable? */
function needsCloserLook(root: unknown): boolean {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value === "string") {
      if (unstorable(value)) return true;
    } else if (value !== null && typeof value === "object") {
      if (depth >= MAX_JSON_DEPTH) return true;
      for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
        if (typeof key === "string" && unstorable(key)) return true;
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** Refuses (422) JSON nested deeper than MAX_JSON_DEPTH or holding a lone surrogate or a NUL, naming where. */
export function assertStorableJson(root: unknown): void {
  if (!needsCloserLook(root)) return;
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string" && unstorable(value)) {
      throw invalid(
        ["body", ...path],
        value.includes("\0")
          ? "contains a NUL character (\\u0000), which cannot be stored"
          : "contains a lone UTF-16 surrogate (such as \\udfff), which is not valid Unicode",
      );
    }
    if (value === null || typeof value !== "object") continue;
    if (path.length >= MAX_JSON_DEPTH) throw invalid(["body", ...path.slice(0, 3), "…"], `is nested more than ${MAX_JSON_DEPTH} levels deep`);
    for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
      if (typeof key === "string" && unstorable(key)) throw invalid(["body", ...path], "has a key with a lone UTF-16 surrogate or a NUL character");
      stack.push({ value: child, path: [...path, key] });
    }
  }
}
