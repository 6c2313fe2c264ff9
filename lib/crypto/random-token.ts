import { createHash, randomBytes } from "node:crypto";

/** A URL-safe random token with the given prefix, e.g. `pgn_…` for API keys. */
export function randomToken(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

/** SHA-256 of a high-entropy token: what is stored instead of the token itself. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
