import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETRY_SCHEDULE,
  describeSchedule,
  nextAttemptDelay,
  parseRetryAfter,
  parseRetrySchedule,
  RETRY_PRESETS,
  ZRetrySchedule,
} from "./retry-schedule";

const middle = () => 0.5;

describe("presets", () => {
  it("default to Svix's schedule: 8 attempts in all", () => {
    expect(DEFAULT_RETRY_SCHEDULE).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(RETRY_PRESETS.standard.schedule).toBe(DEFAULT_RETRY_SCHEDULE);
    expect(Object.isFrozen(DEFAULT_RETRY_SCHEDULE)).toBe(true);
  });

  it("include Slack's schedule and no retries at all", () => {
    expect(RETRY_PRESETS.slack.schedule).toEqual([60, 300]);
    expect(describeSchedule(RETRY_PRESETS.slack.schedule)).toBe("immediately, then after 1 min and 5 min");
    expect(RETRY_PRESETS.none.schedule).toEqual([]);
    expect(RETRY_PRESETS.aggressive.schedule).toEqual([1, 5, 30, 120, 600]);
  });

  it("have labels that state the number of attempts and are valid schedules", () => {
    for (const [name, preset] of Object.entries(RETRY_PRESETS)) {
      const attempts = preset.schedule.length + 1;
      expect(preset.label, name).toMatch(attempts === 1 ? /single attempt/ : new RegExp(`\\b${attempts} attempts\\b`));
      expect(ZRetrySchedule.safeParse([...preset.schedule]).success, name).toBe(true);
    }
  });
});

describe("parseRetrySchedule", () => {
  it("reads comma-separated seconds", () => {
    expect(parseRetrySchedule("5,300,1800")).toEqual([5, 300, 1800]);
    expect(parseRetrySchedule(" 0 , 60 ")).toEqual([0, 60]);
    expect(parseRetrySchedule("604800")).toEqual([604800]);
    expect(parseRetrySchedule(Array(20).fill("1").join(","))).toHaveLength(20);
  });

  it("accepts preset names", () => {
    expect(parseRetrySchedule("standard")).toEqual(DEFAULT_RETRY_SCHEDULE);
    expect(parseRetrySchedule("slack")).toEqual([60, 300]);
    expect(parseRetrySchedule("none")).toEqual([]);
    const copy = parseRetrySchedule("standard");
    copy.push(1);
    expect(DEFAULT_RETRY_SCHEDULE).toHaveLength(7);
  });

  it.each(["", " ", "5,,300", "5,", "-5", "1.5", "5s", "1e3", "0x10", "604801", "99999999999", Array(21).fill("1").join(","), "toString", "Standard"])(
    "rejects %j",
    (value) => {
      expect(() => parseRetrySchedule(value)).toThrow(/^PIGEON_RETRY_SCHEDULE must be /);
    },
  );

  it("quotes what it got", () => {
    expect(() => parseRetrySchedule("5,soon")).toThrow(/\(got "5,soon"\)$/);
  });
});

describe("ZRetrySchedule", () => {
  it("applies the same rule to API input", () => {
    expect(ZRetrySchedule.parse([5, 300])).toEqual([5, 300]);
    expect(ZRetrySchedule.parse([])).toEqual([]);
    const message = (input: unknown) => ZRetrySchedule.safeParse(input).error?.issues[0]?.message;
    expect(message([1.5])).toBe("each delay must be a whole number of seconds");
    expect(message([-1])).toBe("a delay cannot be negative");
    expect(message([604801])).toMatch(/at most 604800 seconds/);
    expect(message(Array(21).fill(1))).toBe("at most 20 retries");
    expect(ZRetrySchedule.safeParse(["5"]).success).toBe(false);
  });
});

describe("nextAttemptDelay", () => {
  const schedule = DEFAULT_RETRY_SCHEDULE;

  it("follows the schedule, then gives up", () => {
    const delays = Array.from({ length: 9 }, (_, i) => nextAttemptDelay({ schedule, attemptNumber: i + 1, random: middle }));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null, null]);
    expect(nextAttemptDelay({ schedule: [], attemptNumber: 1 })).toBeNull();
  });

  it("adds up to ±20 % jitter", () => {
    expect(nextAttemptDelay({ schedule, attemptNumber: 2, random: () => 0 })).toBe(240_000);
    expect(nextAttemptDelay({ schedule, attemptNumber: 2, random: () => 0.999999 })).toBe(360_000);
    for (let i = 0; i < 200; i++) {
      const delay = nextAttemptDelay({ schedule, attemptNumber: 3 })!;
      expect(delay).toBeGreaterThanOrEqual(1_440_000);
      expect(delay).toBeLessThanOrEqual(2_160_000);
    }
  });

  it("honours Retry-After between the scheduled delay and twice that", () => {
    const at = (retryAfterSeconds: number) => nextAttemptDelay({ schedule, attemptNumber: 2, retryAfterSeconds, random: () => 0 });
    expect(at(400)).toBe(400_000);
    expect(at(10)).toBe(300_000);
    expect(at(0)).toBe(300_000);
    expect(at(86_400)).toBe(600_000);
    expect(at(Number.POSITIVE_INFINITY)).toBe(600_000);
    expect(at(Number.NaN)).toBe(240_000);
  });

  it("waits at least a minute after a 429 or a timeout", () => {
    expect(nextAttemptDelay({ schedule, attemptNumber: 1, status: 429, random: middle })).toBe(60_000);
    expect(nextAttemptDelay({ schedule, attemptNumber: 1, errorKind: "timeout", random: middle })).toBe(60_000);
    const throttled = { schedule, attemptNumber: 1, status: 429, retryAfterSeconds: 3, random: middle };
    expect(nextAttemptDelay(throttled)).toBe(60_000);
    expect(nextAttemptDelay({ schedule, attemptNumber: 1, status: 500, random: middle })).toBe(5_000);
    expect(nextAttemptDelay({ schedule, attemptNumber: 1, errorKind: "connection", random: middle })).toBe(5_000);
    expect(nextAttemptDelay({ schedule, attemptNumber: 2, status: 429, random: middle })).toBe(300_000);
    expect(nextAttemptDelay({ schedule: [0], attemptNumber: 1, status: 429 })).toBe(60_000);
    expect(nextAttemptDelay({ schedule: [60, 300], attemptNumber: 3, status: 429 })).toBeNull();
  });

  it("is never negative, even with a misbehaving random source", () => {
    expect(nextAttemptDelay({ schedule: [0], attemptNumber: 1, random: () => 0 })).toBe(0);
    expect(nextAttemptDelay({ schedule: [10], attemptNumber: 1, random: () => -100 })).toBe(0);
  });

  it("rejects attempt numbers that are not 1-based whole numbers", () => {
    expect(() => nextAttemptDelay({ schedule, attemptNumber: 0 })).toThrow(/attemptNumber/);
    expect(() => nextAttemptDelay({ schedule, attemptNumber: 1.5 })).toThrow(/attemptNumber/);
  });
});

describe("parseRetryAfter", () => {
  const now = new Date("2026-03-01T12:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads HTTP dates in all three formats, rounding up", () => {
    expect(parseRetryAfter("Sun, 01 Mar 2026 12:02:00 GMT", now)).toBe(120);
    expect(parseRetryAfter("Sunday, 01-Mar-26 12:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Sun Mar  1 12:01:00 2026", now)).toBe(60);
    expect(parseRetryAfter("Sun, 01 Mar 2026 12:00:00 GMT", new Date(now.getTime() - 1))).toBe(1);
  });

  it("treats dates in the past as now", () => {
    expect(parseRetryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now)).toBe(0);
  });

  it("ignores missing and malformed values", () => {
    for (const header of [null, "", "  ", "-5", "1.5", "soon", "May", "2026-03-01T12:05:00Z", "Sun, 99 Foo 2026"]) {
      expect(parseRetryAfter(header, now), String(header)).toBeUndefined();
    }
  });
});

describe("describeSchedule", () => {
  it("puts the default schedule in plain language", () => {
    expect(describeSchedule(DEFAULT_RETRY_SCHEDULE)).toBe("immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h");
  });

  it("handles short, empty and uneven schedules", () => {
    expect(describeSchedule([])).toBe("immediately, with no retries");
    expect(describeSchedule([30])).toBe("immediately, then after 30 s");
    expect(describeSchedule([0, 90, 5400, 86_400, 604_800, 90_061])).toBe(
      "immediately, then after 0 s, 1 min 30 s, 1 h 30 min, 1 day, 7 days and 1 day 1 h 1 min 1 s",
    );
  });
});
