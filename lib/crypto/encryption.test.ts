import { createCipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCipherBox, loadEncryptionKey } from "./encryption";

describe("createCipherBox", () => {
  const key = randomBytes(32);
  const box = createCipherBox(key);
  const here = "endpoint-secret:ep_1/secret_1";

  /** A value in the v1 format, as Pigeon wrote it before values were bound to their rows. */
  function encryptV1(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
  }

  it("round-trips text, including empty and non-ASCII strings", () => {
    for (const plain of ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "", "päß🔑", "x".repeat(10_000)]) {
      expect(box.decrypt(box.encrypt(plain, here), here)).toBe(plain);
    }
  });

  it("stores versioned base64url text with a fresh IV each time", () => {
    const a = box.encrypt("same", here);
    const b = box.encrypt("same", here);
    expect(a).toMatch(/^v2\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    // 12-byte IV + 16-byte tag + 4 bytes of ciphertext
    expect(Buffer.from(a.slice(3), "base64url")).toHaveLength(32);
  });

  it("binds a value to its context: copied to another row, it does not decrypt", () => {
    const stored = box.encrypt("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", here);
    for (const elsewhere of ["endpoint-secret:ep_2/secret_1", "endpoint-secret:ep_1/secret_2", "endpoint-headers:ep_1", ""]) {
      expect(() => box.decrypt(stored, elsewhere), elsewhere).toThrow(/copied from another row/);
    }
  });

  it("still reads v1 values, which carry no context", () => {
    const legacy = encryptV1("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(box.decrypt(legacy, here)).toBe("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(box.decrypt(legacy, "anything")).toBe("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(() => createCipherBox(randomBytes(32)).decrypt(legacy, here)).toThrow(/different key/);
  });

  it("detects tampering anywhere in the stored value", () => {
    for (const [stored, version] of [
      [box.encrypt("secret", here), "v2"],
      [encryptV1("secret"), "v1"],
    ] as const) {
      const bytes = Buffer.from(stored.slice(3), "base64url");
      for (const index of [0, 11, 12, 27, 28, bytes.length - 1]) {
        const copy = Buffer.from(bytes);
        copy[index]! ^= 1;
        expect(() => box.decrypt(`${version}.${copy.toString("base64url")}`, here), `${version} byte ${index}`).toThrow(/tampered with/);
      }
    }
    // Relabelling a v2 value as v1 (to drop its context) does not pass either.
    expect(() => box.decrypt(box.encrypt("secret", here).replace(/^v2/, "v1"), here)).toThrow(/tampered with/);
  });

  it("refuses a value encrypted with another key", () => {
    const other = createCipherBox(randomBytes(32));
    expect(() => other.decrypt(box.encrypt("secret", here), here)).toThrow(
      "cannot decrypt: the value was tampered with, copied from another row, or encrypted with a different key (check PIGEON_ENCRYPTION_KEY)",
    );
  });

  it("explains malformed values", () => {
    expect(() => box.decrypt("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", here)).toThrow(
      'cannot decrypt: the value is not in the "v2.<base64url>" format (was it stored unencrypted?)',
    );
    expect(() => box.decrypt("secret.with.dots", here)).not.toThrow(/secret/);
    expect(() => box.decrypt("v3.AAAA", here)).toThrow('cannot decrypt: unknown format version "v3", expected "v2"');
    expect(() => box.decrypt("v2.", here)).toThrow(/truncated/);
    expect(() => box.decrypt("v1.AAAA", here)).toThrow(/truncated/);
    expect(() => box.decrypt(`v2.${"A".repeat(40)}!`, here)).toThrow(/not base64url/);
  });

  it("requires a 32-byte key", () => {
    expect(() => createCipherBox(randomBytes(16))).toThrow("encryption key must be 32 bytes, got 16");
  });
});

describe("loadEncryptionKey", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pigeon-key-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("accepts a configured key as base64 or hex", () => {
    const key = randomBytes(32);
    const dataDir = path.join(dir, "unused");
    expect(loadEncryptionKey({ configured: key.toString("base64"), dataDir }).equals(key)).toBe(true);
    expect(loadEncryptionKey({ configured: key.toString("base64").replace("=", ""), dataDir }).equals(key)).toBe(true);
    expect(loadEncryptionKey({ configured: key.toString("hex"), dataDir }).equals(key)).toBe(true);
    expect(loadEncryptionKey({ configured: key.toString("hex").toUpperCase(), dataDir }).equals(key)).toBe(true);
    expect(loadEncryptionKey({ configured: ` ${key.toString("base64")}\n`, dataDir }).equals(key)).toBe(true);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("rejects configured keys of the wrong size or encoding", () => {
    for (const bad of [
      randomBytes(16).toString("base64"),
      randomBytes(33).toString("base64"),
      randomBytes(31).toString("hex"),
      randomBytes(32).toString("base64url").replace(/^./, "-"),
      "not a key",
      "0".repeat(63) + "g",
    ]) {
      expect(() => loadEncryptionKey({ configured: bad, dataDir: dir }), bad).toThrow(/^PIGEON_ENCRYPTION_KEY must be/);
    }
  });

  it("creates the key file once, private to the owner, and reuses it", () => {
    const dataDir = path.join(dir, "nested", "data");
    const first = loadEncryptionKey({ dataDir });
    const file = path.join(dataDir, "encryption.key");
    expect(first).toHaveLength(32);
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first.toString("base64"));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const written = fs.statSync(file).mtimeMs;

    const second = loadEncryptionKey({ dataDir });
    expect(second.equals(first)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(written);
    expect(loadEncryptionKey({ configured: "", dataDir }).equals(first)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(["encryption.key"]);
  });

  it("reads a key file an operator put in place", () => {
    const key = randomBytes(32);
    fs.writeFileSync(path.join(dir, "encryption.key"), key.toString("hex"));
    expect(loadEncryptionKey({ dataDir: dir }).equals(key)).toBe(true);
  });

  it("refuses to replace a damaged key file", () => {
    const file = path.join(dir, "encryption.key");
    fs.writeFileSync(file, "garbage\n");
    expect(() => loadEncryptionKey({ dataDir: dir })).toThrow(/encryption\.key does not hold a valid 32-byte key/);
    expect(fs.readFileSync(file, "utf8")).toBe("garbage\n");
  });

  it("lets the configured key win over the file", () => {
    const fromFile = loadEncryptionKey({ dataDir: dir });
    const configured = randomBytes(32);
    const key = loadEncryptionKey({ configured: configured.toString("base64"), dataDir: dir });
    expect(key.equals(configured)).toBe(true);
    expect(key.equals(fromFile)).toBe(false);
  });
});
