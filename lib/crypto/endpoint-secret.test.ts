import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { generateEndpointSecret, parseEndpointSecret } from "./endpoint-secret";

function rejection(value: string): AppError {
  try {
    parseEndpointSecret(value);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${value} to be rejected`);
}

describe("generateEndpointSecret", () => {
  it("returns whsec_ and 24 random bytes in base64", () => {
    const secret = generateEndpointSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(parseEndpointSecret(secret)).toHaveLength(24);
  });

  it("never repeats", () => {
    const secrets = new Set(Array.from({ length: 100 }, generateEndpointSecret));
    expect(secrets.size).toBe(100);
  });
});

describe("parseEndpointSecret", () => {
  it("returns the raw key bytes", () => {
    const key = parseEndpointSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(key.toString("base64")).toBe("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  });

  it("accepts 24 to 64 bytes, padded", () => {
    for (const size of [24, 25, 32, 33, 64]) {
      const bytes = Buffer.alloc(size, 7);
      expect(parseEndpointSecret(`whsec_${bytes.toString("base64")}`).equals(bytes)).toBe(true);
    }
  });

  it("rejects a missing prefix", () => {
    const error = rejection("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(error.code).toBe("validation");
    expect(error.status).toBe(422);
    expect(error.message).toBe('key: must start with "whsec_"');
    expect(error.options.detail).toEqual([{ loc: ["body", "key"], msg: 'must start with "whsec_"', type: "value_error" }]);
    expect(rejection("WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").message).toMatch(/must start with/);
  });

  it("rejects anything but padded standard base64", () => {
    for (const bad of [
      "whsec_",
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!",
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw ",
      "whsec_ MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-_",
      `whsec_${Buffer.alloc(32, 1).toString("base64").replace(/=+$/, "")}`,
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw=",
    ]) {
      expect(rejection(bad).message, bad).toMatch(/^key: the part after "whsec_" must be standard base64/);
    }
  });

  it("rejects non-canonical base64", () => {
    // "AB==" sets bits past the single decoded byte, which "AA==" leaves clear.
    const canonical = Buffer.alloc(25, 0).toString("base64");
    expect(canonical.endsWith("AA==")).toBe(true);
    expect(rejection(`whsec_${canonical.slice(0, -3)}B==`).message).toMatch(/not canonical base64/);
  });

  it("names the size when the key is too short or too long", () => {
    expect(rejection(`whsec_${Buffer.alloc(23).toString("base64")}`).message).toBe("key: must decode to between 24 and 64 bytes (got 23)");
    expect(rejection(`whsec_${Buffer.alloc(65).toString("base64")}`).message).toBe("key: must decode to between 24 and 64 bytes (got 65)");
  });
});
