import { describe, expect, it } from "vitest";
import { PORTAL_CAPABILITIES, resolveCapabilities, storedCapabilities } from "./capabilities";

describe("resolveCapabilities", () => {
  it("gives all of them when none are asked for, ViewBase always, in Svix's order", () => {
    expect(resolveCapabilities(undefined, false)).toEqual([...PORTAL_CAPABILITIES]);
    expect(resolveCapabilities([], false)).toEqual([...PORTAL_CAPABILITIES]);
    expect(resolveCapabilities(["ManageEndpoint", "CreateAttempts"], false)).toEqual(["ViewBase", "CreateAttempts", "ManageEndpoint"]);
  });

  it("keeps a read-only session to reading", () => {
    expect(resolveCapabilities(null, true)).toEqual(["ViewBase"]);
    expect(resolveCapabilities([...PORTAL_CAPABILITIES], true)).toEqual(["ViewBase", "ViewEndpointSecret"]);
  });

  it("trusts nothing unknown from storage", () => {
    expect(storedCapabilities(["ViewBase", "Admin", 3])).toEqual(["ViewBase"]);
    expect(storedCapabilities("ManageEndpoint")).toEqual(["ViewBase"]);
  });
});
