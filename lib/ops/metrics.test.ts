import { describe, expect, it } from "vitest";
import { routePattern } from "./metrics";

describe("routePattern", () => {
  it("replaces ids, uids and names with :id and keeps the route's own words", () => {
    expect(routePattern("/api/v1/app/app_01ABC/msg")).toBe("/api/v1/app/:id/msg");
    expect(routePattern("/api/v1/app/my-app/endpoint/ep_1/secret/rotate")).toBe("/api/v1/app/:id/endpoint/:id/secret/rotate");
    expect(routePattern("/api/v1/app/a/attempt/endpoint/ep_1")).toBe("/api/v1/app/:id/attempt/endpoint/:id");
    expect(routePattern("/api/v1/app/a/msg/msg_1/endpoint/ep_2/resend")).toBe("/api/v1/app/:id/msg/:id/endpoint/:id/resend");
    expect(routePattern("/api/v1/event-type/invoice.paid")).toBe("/api/v1/event-type/:id");
    expect(routePattern("/api/console/notices/read-all")).toBe("/api/console/notices/read-all");
    expect(routePattern("/api/health")).toBe("/api/health");
  });
});
