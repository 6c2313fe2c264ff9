import { describe, expect, it } from "vitest";
import { composeDigest, DIGEST_MAX_ITEMS, digestDue, URGENT_INTERVAL_MS } from "./digest";
import { exhaustedBody, exhaustedTitle, hourBucket, noticeLinks, noticeTitle } from "./notice-text";

const HOUR = 3600_000;
const at = (iso: string) => Date.parse(iso);

describe("folded notices", () => {
  it("bucket by the hour, in UTC", () => {
    expect(hourBucket(at("2026-11-30T10:59:59.999Z"))).toBe(at("2026-11-30T10:00:00Z"));
    expect(hourBucket(at("2026-11-30T11:00:00Z"))).toBe(at("2026-11-30T11:00:00Z"));
  });

  it("say how many messages, where and in which hour", () => {
    expect(exhaustedTitle(1234, "https://example.com/hook", at("2026-11-30T10:00:00Z"))).toBe(
      "1,234 messages exhausted on https://example.com/hook between 10:00 and 11:00 UTC",
    );
    expect(exhaustedTitle(1, "https://example.com/hook", at("2026-11-30T23:00:00Z"))).toBe(
      "1 message exhausted on https://example.com/hook between 23:00 and 00:00 UTC",
    );
    expect(exhaustedBody({ messageId: "msg_1", eventType: "order.paid", attempts: 1 })).toContain("message msg_1 (order.paid), after 1 attempt.");
  });

  it("are titled by their count; other notices keep their title", () => {
    const folded = { kind: "message.attempt.exhausted", title: "stored", count: 7, bucket: new Date("2026-11-30T10:00:00Z"), data: { url: "https://a.test" } };
    expect(noticeTitle(folded)).toBe("7 messages exhausted on https://a.test between 10:00 and 11:00 UTC");
    expect(noticeTitle({ ...folded, bucket: null })).toBe("stored");
    expect(noticeTitle({ ...folded, kind: "endpoint.disabled" })).toBe("stored");
  });

  it("point at their endpoint, and exhausted messages at the endpoint's filtered log", () => {
    expect(noticeLinks({ kind: "message.attempt.exhausted", appId: "app_1", endpointId: "ep_1" })).toEqual({
      endpoint: "/apps/app_1/endpoints/ep_1",
      log: "/apps/app_1/messages?status=exhausted&endpoint=ep_1",
    });
    expect(noticeLinks({ kind: "endpoint.disabled", appId: "app_1", endpointId: "ep_1" }).log).toBeNull();
    expect(noticeLinks({ kind: "endpoint.disabled", appId: null, endpointId: null })).toEqual({ endpoint: null, log: null });
  });
});

describe("the notice email's cap", () => {
  const now = at("2026-11-30T12:00:00Z");

  it("sends at once after a quiet hour, then at most once an hour", () => {
    expect(digestDue({ sentAt: null, urgentSentAt: null }, false, now)).toBe(true);
    expect(digestDue({ sentAt: now - HOUR + 1, urgentSentAt: null }, false, now)).toBe(false);
    expect(digestDue({ sentAt: now - HOUR, urgentSentAt: null }, false, now)).toBe(true);
  });

  it("lets an endpoint disabled through inside the hour, at most once per urgent interval", () => {
    expect(digestDue({ sentAt: now - 60_000, urgentSentAt: null }, true, now)).toBe(true);
    expect(digestDue({ sentAt: now - 60_000, urgentSentAt: now - URGENT_INTERVAL_MS + 1 }, true, now)).toBe(false);
    expect(digestDue({ sentAt: now - 60_000, urgentSentAt: now - URGENT_INTERVAL_MS }, true, now)).toBe(true);
  });
});

describe("the digest email", () => {
  const item = (kind: string, title: string, count = 1, pending = count) => ({
    kind,
    title,
    body: `${title} body`,
    count,
    pending,
    links: [`https://p.test/${title}`],
  });

  it("puts urgent notices first, names the rest in the subject and says what is new since the last email", () => {
    const email = composeDigest(
      [item("message.attempt.exhausted", "10,000 messages exhausted", 10_000, 9_999), item("endpoint.disabled", "Endpoint disabled: x")],
      "https://p.test/notices",
    );
    expect(email.subject).toBe("[Pigeon] Endpoint disabled: x (and 1 more)");
    expect(email.text.indexOf("Endpoint disabled")).toBeLessThan(email.text.indexOf("10,000"));
    expect(email.text).toContain("* 10,000 messages exhausted (9,999 since the last email)");
    expect(email.text).toContain("https://p.test/Endpoint disabled: x");
    expect(email.text).toContain("All notices: https://p.test/notices");
  });

  it("has a plain subject for one notice, and lists a bounded number", () => {
    expect(composeDigest([item("endpoint.failing", "Endpoint failing: y")], "u").subject).toBe("[Pigeon] Endpoint failing: y");
    const many = composeDigest(
      Array.from({ length: DIGEST_MAX_ITEMS + 3 }, (_, i) => item("endpoint.failing", `n${i}`)),
      "u",
    );
    expect(many.text.match(/^\* /gm)).toHaveLength(DIGEST_MAX_ITEMS);
    expect(many.text).toContain("… and 3 more notices.");
  });
});
