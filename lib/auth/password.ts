import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm) with OWASP's recommended minimum cost.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Checked when there is no hash to check (an unknown email, an account that signs in only
// through GitHub or Google), so that a wrong answer takes as long as for a real password
// and its timing does not tell whether the account exists. Made once per process.
let standIn: Promise<string> | undefined;
const standInHash = () => (standIn ??= hashPassword(randomBytes(32).toString("base64url")));

/** Whether `password` matches `passwordHash`; false, after the same work, when there is none. */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await standInHash(), password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
