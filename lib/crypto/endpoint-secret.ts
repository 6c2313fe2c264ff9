import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";

const PREFIX = "whsec_";
const MIN_BYTES = 24;
const MAX_BYTES = 64;

// Padded, standard-alphabet base64 only: receivers decode the secret with their own
// Standard Webhooks library, and several of those reject unpadded or URL-safe input.
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A new endpoint signing secret in the Svix format, e.g. "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw". */
export function generateEndpointSecret(): string {
  return PREFIX + randomBytes(MIN_BYTES).toString("base64");
}

/** Validates a user-supplied endpoint secret (the body's `field`) and returns its raw key bytes. */
export function parseEndpointSecret(value: string, field = "key"): Buffer {
  const invalid = (msg: string) => new AppError("validation", `${field}: ${msg}`, { detail: [{ loc: ["body", field], msg, type: "value_error" }] });
  if (!value.startsWith(PREFIX)) {
    throw invalid(`must start with "${PREFIX}"`);
  }
  const encoded = value.slice(PREFIX.length);
  if (!encoded || !STRICT_BASE64.test(encoded)) {
    throw invalid(`the part after "${PREFIX}" must be standard base64 (A–Z, a–z, 0–9, + and /, padded with =)`);
  }
  const key = Buffer.from(encoded, "base64");
  // Non-canonical trailing bits decode silently, so two different strings would sign alike.
  if (key.toString("base64") !== encoded) {
    throw invalid(`the part after "${PREFIX}" is not canonical base64`);
  }
  if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
    throw invalid(`must decode to between ${MIN_BYTES} and ${MAX_BYTES} bytes (got ${key.length})`);
  }
  return key;
}
