import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * The key that signs session tokens: NEXTAUTH_SECRET when set (required in production
 * deployments with several web processes), otherwise one generated once into the data folder.
 */
export function authSecret(): string {
  const { NEXTAUTH_SECRET, PIGEON_DATA_DIR } = env();
  if (NEXTAUTH_SECRET) return NEXTAUTH_SECRET;
  const file = path.join(PIGEON_DATA_DIR, "auth.secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(PIGEON_DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    // Another process wrote it first; use theirs.
    return readFileSync(file, "utf8").trim();
  }
}
