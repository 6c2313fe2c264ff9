import { describe, expect, it } from "vitest";
import { PORTAL_CAPABILITIES } from "@/lib/portal/capabilities";
import { portalScope } from "./portal-scope";

const ALL = [...PORTAL_CAPABILITIES];

describe("portalScope", () => {
  it("links under /portal/{app} and never offers the console's own controls", () => {
    const scope = portalScope("app_1", { capabilities: ALL, readOnly: false });
    expect(scope.appHref("app_1")).toBe("/portal/app_1");
    expect(scope.eventTypesHref).toBe("/portal/app_1/event-types");
    expect(scope.appCrumbs("app_1", "Acme")).toEqual([{ label: "Acme", href: "/portal/app_1" }]);
    expect(scope.access).toEqual({
      manageApp: false,
      manageEndpoint: true,
      viewSecret: true,
      rotateSecret: true,
      createAttempts: true,
      manageEventTypes: false,
    });
  });

  it("offers each control only with its capability", () => {
    expect(portalScope("a", { capabilities: ["ViewBase"], readOnly: false }).access).toMatchObject({
      manageEndpoint: false,
      viewSecret: false,
      rotateSecret: false,
      createAttempts: false,
    });
    expect(portalScope("a", { capabilities: ["ViewBase", "CreateAttempts"], readOnly: false }).access).toMatchObject({
      manageEndpoint: false,
      createAttempts: true,
    });
    expect(portalScope("a", { capabilities: ["ViewBase", "ManageEndpointSecret"], readOnly: false }).access).toMatchObject({
      viewSecret: true,
      rotateSecret: true,
    });
  });

  it("offers no write at all to a read-only session, whatever it holds, but may still show the secret", () => {
    const { access } = portalScope("a", { capabilities: ALL, readOnly: true });
    expect(access).toMatchObject({ manageEndpoint: false, rotateSecret: false, createAttempts: false, viewSecret: true });
  });
});
