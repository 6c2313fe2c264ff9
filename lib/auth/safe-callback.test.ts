import { describe, expect, it } from "vitest";
import { safeCallback } from "./safe-callback";

describe("safeCallback", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeCallback("/dashboard")).toBe("/dashboard");
    expect(safeCallback("/invite/abc?x=1#top")).toBe("/invite/abc?x=1#top");
    expect(safeCallback("/apps/../settings")).toBe("/settings");
    expect(safeCallback("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it.each([
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\u0000/evil.example",
    "/dashboard\u007f",
    "/.//evil.example",
    "/a/../..//evil.example",
    "https://evil.example",
    "http:/evil.example",
    "HTTPS://evil.example/dashboard",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "%2F%2Fevil.example",
    "evil.example",
    "dashboard",
    "//[::1",
    "",
  ])("refuses %j", (value) => {
    expect(safeCallback(value)).toBe("/dashboard");
  });

  it("falls back when there is nothing to follow", () => {
    expect(safeCallback(undefined)).toBe("/dashboard");
    expect(safeCallback(null, "/")).toBe("/");
  });
});
