import { describe, expect, it } from "vitest";
import { portalSettingsFormValues, toPortalSettings, ZPortalSettingsForm } from "./portal-settings-form";

describe("the portal settings form", () => {
  it("clears empty fields and reads one origin per line (or comma)", () => {
    expect(
      toPortalSettings({
        displayName: "  ",
        logoUrl: "",
        primaryColor: "#0F766E",
        frameAncestors: "https://a.example\n\n https://b.example, https://c.example",
      }),
    ).toEqual({
      displayName: null,
      logoUrl: null,
      primaryColor: "#0F766E",
      frameAncestors: ["https://a.example", "https://b.example", "https://c.example"],
    });
  });

  it("round-trips the API's settings", () => {
    const settings = { displayName: "Acme", logoUrl: null, primaryColor: "#112233", frameAncestors: ["https://a.example", "http://localhost:8080"] };
    expect(toPortalSettings(portalSettingsFormValues(settings))).toEqual(settings);
  });

  it("puts the API's own messages under the field they concern", () => {
    const result = ZPortalSettingsForm.safeParse({
      displayName: "",
      logoUrl: "http://insecure.example/logo.png",
      primaryColor: "red",
      frameAncestors: "https://ok.example\n/path",
    });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((issue) => issue.path.join("."));
    expect(new Set(fields)).toEqual(new Set(["logoUrl", "primaryColor", "frameAncestors"]));
  });
});
