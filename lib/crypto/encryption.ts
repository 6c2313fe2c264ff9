import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Secrets at rest: AES-256-GCM, stored as "v2.<base64url(iv | tag | ciphertext)>". Each
// value is bound to where it is stored: the caller's context (e.g. "endpoint-headers:<id>")
// is the cipher's associated data, so a value copied onto another row does not decrypt.
// "v1." values, written before contexts existed, still decrypt (without one); the
// migrations re-encrypt them (lib/crypto/upgrade-stored-secrets.ts).

const VERSION = "v2";
/** The format of values written before contexts existed. */
export const LEGACY_VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The key's file in the data folder while PIGEON_ENCRYPTION_KEY is unset. */
export const KEY_FILE = "encryption.key";
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface CipherBox {
  /** Encrypts `plain` for the place `context` names; only the same context decrypts it. */
  encrypt(plain: string, context: string): string;
  decrypt(stored: string, context: string): string;
}

export function createCipherBox(key: Buffer): CipherBox {
  if (key.length !== KEY_BYTES) throw new Error(`encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
  return {
    encrypt(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(context, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
    },
    decrypt(stored, context) {
      const dot = stored.indexOf(".");
      const version = stored.slice(0, dot);
      const payload = stored.slice(dot + 1);
      if (version !== VERSION && version !== LEGACY_VERSION) {
        // Echo only a version-looking prefix: the value might be a secret stored in plain text.
        throw new Error(
          /^v\d+$/.test(version)
            ? `cannot decrypt: unknown format version "${version}", expected "${VERSION}"`
            : `cannot decrypt: the value is not in the "${VERSION}.<base64url>" format (was it stored unencrypted?)`,
        );
      }
      const bytes = BASE64URL.test(payload) ? Buffer.from(payload, "base64url") : Buffer.alloc(0);
      if (bytes.length < IV_BYTES + TAG_BYTES) {
        throw new Error("cannot decrypt: the stored value is truncated or not base64url");
      }
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
      if (version === VERSION) decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        const ciphertext = bytes.subarray(IV_BYTES + TAG_BYTES);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
      } catch {
        throw new Error(
          "cannot decrypt: the value was tampered with, copied from another row, or encrypted with a different key (check PIGEON_ENCRYPTION_KEY)",
        );
      }
    },
  };
}

/** A key written as 64 hex characters or as base64 of 32 bytes; undefined when it is neither. */
export function decodeEncryptionKey(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) {
    const key = Buffer.from(text, "base64");
    if (key.length === KEY_BYTES) return key;
  }
  return undefined;
}

/**
 * The key that encrypts secrets at rest: PIGEON_ENCRYPTION_KEY when set, otherwise
 * `<dataDir>/encryption.key`, generated on first use so a laptop install needs no setup.
 */
export function loadEncryptionKey({ configured, dataDir }: { configured?: string; dataDir: string }): Buffer {
  if (configured !== undefined && configured !== "") {
    const key = decodeEncryptionKey(configured.trim());
    if (!key) {
      throw new Error(
        "PIGEON_ENCRYPTION_KEY must be 32 bytes written as base64 (44 characters) or hex (64 characters); " + "generate one with `openssl rand -base64 32`",
      );
    }
    return key;
  }
  const file = path.join(dataDir, KEY_FILE);
  return readKeyFile(file) ?? createKeyFile(dataDir, file);
}

function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const key = decodeEncryptionKey(text.trim());
  // Never replace a damaged key file: every secret encrypted with it would be lost.
  if (!key) throw new Error(`${file} does not hold a valid 32-byte key; restore it or set PIGEON_ENCRYPTION_KEY`);
  return key;
}

function createKeyFile(dataDir: string, file: string): Buffer {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  // Write a temporary file and hard-link it into place: the link fails if another process
  // (the worker starting next to the web server) got there first, and nobody ever reads
  // a half-written key.
  const temp = path.join(dataDir, `.${KEY_FILE}.${process.pid}.${randomBytes(4).toString("hex")}`);
  fs.writeFileSync(temp, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    return placeExclusively(temp, file) ? key : readKeyFile(file)!;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Puts `temp` at `target` unless `target` exists; false when it already did. */
function placeExclusively(temp: string, target: string): boolean {
  const exists = (error: unknown) => (error as NodeJS.ErrnoException).code === "EEXIST";
  try {
    fs.linkSync(temp, target);
    return true;
  } catch (error) {
    if (exists(error)) return false;
  }
  // Some mounted volumes refuse hard links; an exclusive copy of a 45-byte file is the next best.
  try {
    fs.copyFileSync(temp, target, fs.constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (exists(error)) return false;
    throw error;
  }
}
