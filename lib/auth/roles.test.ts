import { describe, expect, it } from "vitest";
import { hasRole } from "./roles";

describe("hasRole", () => {
  it("orders owner > admin > developer > viewer", () => {
    expect(hasRole("owner", "admin")).toBe(true);
    expect(hasRole("admin", "developer")).toBe(true);
    expect(hasRole("developer", "developer")).toBe(true);
    expect(hasRole("developer", "admin")).toBe(false);
    expect(hasRole("viewer", "developer")).toBe(false);
    expect(hasRole("viewer", "viewer")).toBe(true);
  });
});
