import { describe, expect, it } from "vitest";
import { ZApplicationIn } from "@/lib/apps/schemas";
import { fromZodError } from "@/lib/errors";
import { ZEventTypeIn, ZEventTypePatch } from "@/lib/event-types/schemas";
import { ZEndpointIn, ZEndpointPatch, ZHeadersIn, ZHeadersPatchIn, ZSecretRotateIn } from "./schemas";

describe("PATCH schemas", () => {
  it("leave out what was not sent, so a partial update changes nothing else", () => {
    expect(ZEndpointPatch.parse({ eventTypes: ["invoice.paid"] })).toEqual({ eventTypes: ["invoice.paid"] });
    expect(ZEndpointPatch.parse({ disabled: true })).toEqual({ disabled: true });
    expect(ZEventTypePatch.parse({ archived: false })).toEqual({ archived: false });
  });

  it("while create still fills in its defaults", () => {
    expect(ZEndpointIn.parse({ url: "https://example.com/hook" })).toMatchObject({ description: "", disabled: false });
  });
});

describe("custom headers", () => {
  const refusal = (input: unknown) => {
    const result = ZHeadersIn.safeParse(input);
    expect(result.success, JSON.stringify(input).slice(0, 80)).toBe(false);
    return fromZodError(result.error!).message;
  };

  it("accepts what HTTP can carry: tab, space, visible ASCII and obs-text", () => {
    const headers = { "X-Tenant": "42", Authorization: "Bearer abc.def", "X-Note": "a\tb ~ ÿé" };
    expect(ZHeadersIn.parse({ headers })).toEqual({ headers });
  });

  it("refuses a value with CR, LF, NUL, other control characters or anything above U+00FF, naming the header", () => {
    expect(refusal({ headers: { "X-Token": "abc\r\nX-Injected: 1" } })).toBe(
      "headers.X-Token: value contains a carriage return (CR), U+000D, which an HTTP header value cannot carry",
    );
    expect(refusal({ headers: { "X-Token": "abc\ndef" } })).toBe(
      "headers.X-Token: value contains a line feed (LF), U+000A, which an HTTP header value cannot carry",
    );
    expect(refusal({ headers: { "X-Token": "a\0" } })).toMatch(/^headers\.X-Token: value contains a NUL character, U\+0000/);
    expect(refusal({ headers: { "X-Token": "a\x7f" } })).toMatch(/the control character U\+007F/);
    expect(refusal({ headers: { "X-Price": "5 €" } })).toMatch(/^headers\.X-Price: value contains "€" \(U\+20AC\)/);
    expect(refusal({ headers: { "X-Face": "🙂" } })).toMatch(/"🙂" \(U\+1F642\)/);
  });

  it("refuses invalid, reserved and repeated names", () => {
    expect(refusal({ headers: { "X Bad": "1" } })).toBe('headers.X Bad: "X Bad" is not a valid header name');
    expect(refusal({ headers: { "": "1" } })).toMatch(/is not a valid header name/);
    expect(refusal({ headers: { "Webhook-Signature": "v1,x" } })).toMatch(/is set by Pigeon/);
    expect(refusal({ headers: { "X-A": "1", "x-a": "2" } })).toBe('headers.x-a: "x-a" is given twice (header names are case-insensitive)');
  });

  it("bounds the count, each name and the total size", () => {
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`X-H${i}`, "v"]));
    expect(refusal({ headers: many })).toBe("headers: at most 64 headers (got 65)");
    expect(ZHeadersIn.safeParse({ headers: Object.fromEntries(Object.entries(many).slice(0, 64)) }).success).toBe(true);
    expect(refusal({ headers: { ["X-" + "a".repeat(300)]: "v" } })).toMatch(/^headers: header names must be at most 256 characters \("X-a+…" has 302\)/);
    expect(refusal({ headers: { "X-Big": "x".repeat(4097) } })).toBe("headers.X-Big: must be at most 4096 characters");
    const large = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`X-Big${i}`, "x".repeat(4000)]));
    expect(refusal({ headers: large })).toBe("headers: at most 16384 bytes of header names and values together (got 20030)");
    expect(refusal({ headers: { "X-Huge": "x".repeat(20 * 1024 * 1024) } })).toMatch(/must be at most 4096 characters/);
  });

  it("bounds deleteHeaders", () => {
    const names = Array.from({ length: 65 }, (_, i) => `X-H${i}`);
    const result = ZHeadersPatchIn.safeParse({ headers: {}, deleteHeaders: names });
    expect(fromZodError(result.error!).message).toBe("deleteHeaders: at most 64 header names (got 65)");
    expect(ZHeadersPatchIn.safeParse({ headers: {}, deleteHeaders: ["x".repeat(257)] }).success).toBe(false);
  });
});

describe("other unbounded input", () => {
  it("bounds metadata: keys, key length and total size", () => {
    const message = (metadata: unknown) => fromZodError(ZApplicationIn.safeParse({ name: "A", metadata }).error!).message;
    expect(message(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, "v"])))).toBe("metadata: at most 64 keys (got 65)");
    expect(message({ ["k".repeat(257)]: "v" })).toMatch(/^metadata: keys must be at most 256 characters/);
    expect(message({ a: "x".repeat(16 * 1024) })).toBe("metadata: at most 16384 bytes of keys and values together (got 16385)");
    expect(message({ a: "é".repeat(8192) })).toMatch(/got 16385\)$/);
    expect(ZEndpointIn.safeParse({ url: "https://example.com/", metadata: { ["k".repeat(257)]: "v" } }).success).toBe(false);
  });

  it("bounds an event type's schemas and example to 64 kB of JSON each", () => {
    const big = { text: "x".repeat(64 * 1024) };
    expect(fromZodError(ZEventTypeIn.safeParse({ name: "a.b", example: big }).error!).message).toBe("example: must be at most 65536 bytes of JSON (got 65547)");
    expect(fromZodError(ZEventTypePatch.safeParse({ schemas: { "1": big } }).error!).message).toMatch(/^schemas: must be at most 65536 bytes of JSON/);
    expect(ZEventTypeIn.safeParse({ name: "a.b", example: { small: true }, schemas: { "1": { type: "object" } } }).success).toBe(true);
  });

  it("bounds a given signing secret before parsing it", () => {
    expect(ZEndpointIn.safeParse({ url: "https://example.com/", secret: "whsec_" + "A".repeat(300) }).success).toBe(false);
    expect(ZSecretRotateIn.safeParse({ key: "whsec_" + "A".repeat(300) }).success).toBe(false);
  });
});
