import { describe, expect, it } from "vitest";
import { ZEventTypePatch } from "@/lib/event-types/schemas";
import { ZEndpointIn, ZEndpointPatch } from "./schemas";

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
