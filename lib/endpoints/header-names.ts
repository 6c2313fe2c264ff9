// What a custom header's name says: whether Pigeon sets it itself, and whether its value is
// a credential. Shared by the schemas, the headers API and the attempt log.

/** Headers Pigeon sets itself; an endpoint may not override them. */
export const RESERVED_HEADERS = new Set([
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
  "content-type",
  "content-length",
  "host",
  "connection",
  "transfer-encoding",
  "user-agent",
  "svix-id",
  "svix-timestamp",
  "svix-signature",
]);

// Names that carry credentials, by their usual spellings (X-Api-Key, X-Auth-Token,
// X-Hub-Signature, Cookie, X-Session-Id, …). Erring on the side of hiding costs nothing.
const CREDENTIAL = /auth|cookie|token|secret|passw|pwd|api-?key|session|credential|signature|private-?key|access-?key|jwt|bearer/i;

export const REDACTED = "[redacted]";

/**
 * True when a header's value is a credential: it is never shown again (GET …/headers lists
 * its name only) and attempts record it as "[redacted]". Pigeon's own headers are public
 * by design (webhook-signature is an HMAC the receiver checks).
 */
export function isSensitiveHeader(name: string): boolean {
  return !RESERVED_HEADERS.has(name.toLowerCase()) && CREDENTIAL.test(name);
}

/** The headers with every sensitive value replaced by "[redacted]". */
export function redactSensitiveHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isSensitiveHeader(name) ? REDACTED : value]));
}
