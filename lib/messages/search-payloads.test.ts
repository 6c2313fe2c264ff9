import { describe, expect, it } from "vitest";
import { payloadHasValue } from "./search-payloads";

describe("payloadHasValue", () => {
  const payload = JSON.stringify({ order: { id: "ord_42", total: 1250, lines: [{ sku: "A-1" }, { qty: 3 }] }, note: "ord_42 shipped" });
  it("finds a string or number anywhere, exactly", () => {
    expect(payloadHasValue(payload, "ord_42")).toBe(true);
    expect(payloadHasValue(payload, "A-1")).toBe(true);
    expect(payloadHasValue(payload, "1250")).toBe(true);
    expect(payloadHasValue(payload, "3")).toBe(true);
    expect(payloadHasValue(payload, "ord_4")).toBe(false);
    expect(payloadHasValue(payload, "ORD_42")).toBe(false);
    expect(payloadHasValue(payload, "order")).toBe(false);
  });
  it("is false for an expired or unreadable payload", () => {
    expect(payloadHasValue(null, "x")).toBe(false);
    expect(payloadHasValue("{", "x")).toBe(false);
  });
});
