import { describe, expect, it } from "vitest";
import { isSensitiveHeader, redactSensitiveHeaders } from "./header-names";

describe("sensitive headers", () => {
  it("covers credentials by their usual names, in any case", () => {
    for (const name of [
      "Authorization",
      "proxy-authorization",
      "Cookie",
      "X-Api-Key",
      "api-key",
      "X-APIKEY",
      "X-Auth-Token",
      "X-Access-Token",
      "X-Client-Secret",
      "X-Password",
      "X-Session-Id",
      "X-Credentials",
      "X-Hub-Signature-256",
      "X-Private-Key",
      "X-JWT",
    ]) {
      expect(isSensitiveHeader(name), name).toBe(true);
    }
    for (const name of ["X-Tenant", "Accept-Language", "X-Request-Source", "X-Region"]) {
      expect(isSensitiveHeader(name), name).toBe(false);
    }
  });

  it("keeps the headers Pigeon sets itself: webhook-signature is an HMAC meant to be checked", () => {
    for (const name of ["webhook-signature", "svix-signature", "webhook-id", "content-type"]) expect(isSensitiveHeader(name), name).toBe(false);
    expect(redactSensitiveHeaders({ "webhook-signature": "v1,abc", Authorization: "Bearer t", "x-tenant": "42" })).toEqual({
      "webhook-signature": "v1,abc",
      Authorization: "[redacted]",
      "x-tenant": "42",
    });
  });
});
