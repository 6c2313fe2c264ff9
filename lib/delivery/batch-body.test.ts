import { describe, expect, it } from "vitest";
import { batchBody } from "./delivery-steps";
import type { ClaimedDelivery } from "./store/claim";

const delivery = (messageId: string, payload: string | null, messageAt: number | string): ClaimedDelivery => ({
  id: `dlv_${messageId}`,
  messageId,
  endpointId: "ep_1",
  appId: "app_1",
  attempts: 0,
  leaseToken: "lease",
  payload,
  eventId: null,
  eventType: "order.placed",
  messageAt,
  batchId: "batch_1",
  disabled: false,
  timeoutStreak: 0,
  versions: "1/1/1",
});

describe("a batch's body", () => {
  it("is a JSON array of the messages, each payload's stored bytes kept exactly", () => {
    const stored = '{"b": 1,  "a":[1.50, "é"]}';
    const body = batchBody([delivery("msg_1", stored, 1_780_000_000_000), delivery("msg_2", "{}", "1780000000123")]);
    expect(body).toBe(
      `[{"id":"msg_1","eventType":"order.placed","timestamp":"2026-05-28T20:26:40.000Z","payload":${stored}},` +
        `{"id":"msg_2","eventType":"order.placed","timestamp":"2026-05-28T20:26:40.123Z","payload":{}}]`,
    );
    expect(JSON.parse(body)).toHaveLength(2);
  });

  it("carries a message whose payload has expired as null", () => {
    expect(JSON.parse(batchBody([delivery("msg_1", null, 0)]))).toEqual([
      { id: "msg_1", eventType: "order.placed", timestamp: "1970-01-01T00:00:00.000Z", payload: null },
    ]);
  });
});
