import { describe, expect, it } from "vitest";
import { ZPortalSettings } from "./schemas";

const frameAncestors = (list: string[]) => ZPortalSettings.safeParse({ frameAncestors: list });

describe("the portal's frame ancestors", () => {
  it("are stored as origins", () => {
    expect(frameAncestors(["https://app.example.com/", "http://localhost:4000", "https://APP.example.com:443"]).data?.frameAncestors).toEqual([
      "https://app.example.com",
      "http://localhost:4000",
      "https://app.example.com",
    ]);
  });

  it.each([
    "https://app.example.com/embed",
    "https://app.example.com?x=1",
    "https://user:pass@app.example.com",
    "https://a.example.com; script-src *",
    "https://a.example.com 'unsafe-inline'",
    "*",
    "'self'",
    "javascript:alert(1)",
    "data:text/html,x",
    "ftp://files.example.com",
    "app.example.com",
  ])("refuse %j", (value) => {
    expect(frameAncestors([value]).success).toBe(false);
  });
});
