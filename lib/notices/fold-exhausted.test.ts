import { describe, expect, it } from "vitest";
import { foldRows } from "./fold-exhausted";

const message = (endpointId: string, iso: string, messageId: string) => ({
  orgId: "org_1",
  appId: "app_1",
  endpointId,
  url: `https://example.com/${endpointId}`,
  messageId,
  eventType: "order.paid",
  attempts: 1,
  lastAttempt: { timestamp: new Date(iso) },
});

describe("foldRows", () => {
  it("makes one row per endpoint and hour, counting its messages, the latest last", () => {
    const rows = foldRows(
      [
        message("ep_b", "2026-11-30T10:59:00Z", "msg_2"),
        message("ep_b", "2026-11-30T10:10:00Z", "msg_1"),
        message("ep_b", "2026-11-30T11:00:01Z", "msg_3"),
        message("ep_a", "2026-11-30T10:30:00Z", "msg_4"),
      ],
      Date.parse("2026-11-30T11:00:02Z"),
      true,
    );
    // Key order (endpoint, then hour): the order every writer locks them in.
    expect(rows.map((r) => [r[3], new Date(r[9]).toISOString(), r[10], r[12]])).toEqual([
      ["ep_a", "2026-11-30T10:00:00.000Z", 1, 1],
      ["ep_b", "2026-11-30T10:00:00.000Z", 2, 2],
      ["ep_b", "2026-11-30T11:00:00.000Z", 1, 1],
    ]);
    const [, tenOClock] = rows;
    expect(tenOClock![4]).toBe("msg_1");
    expect(JSON.parse(tenOClock![7])).toMatchObject({ lastMessageId: "msg_2", lastMessageIds: ["msg_1", "msg_2"], url: "https://example.com/ep_b" });
    expect(tenOClock![11]).toBe(Date.parse("2026-11-30T10:59:00Z"));
  });

  it("leaves nothing to email while email is off", () => {
    expect(foldRows([message("ep_a", "2026-11-30T10:30:00Z", "msg_1")], 0, false)[0]![12]).toBe(0);
  });
});
