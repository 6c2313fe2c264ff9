import { describe, expect, it } from "vitest";
import { estimateThroughput, formatRate } from "./estimate-throughput";

describe("an endpoint's pace", () => {
  it("is bounded by the round trip when FIFO, a batch's worth per round trip", () => {
    expect(estimateThroughput({ fifo: true, batchSize: 1, throttleRate: null }, 195)).toBe(5);
    expect(estimateThroughput({ fifo: true, batchSize: 100, throttleRate: null }, 195)).toBe(500);
  });

  it("is bounded by the rate limit, which counts a batch as one request", () => {
    expect(estimateThroughput({ fifo: false, batchSize: 1, throttleRate: 20 }, 100)).toBe(20);
    expect(estimateThroughput({ fifo: false, batchSize: 50, throttleRate: 20 }, 100)).toBe(1000);
    expect(estimateThroughput({ fifo: true, batchSize: 1, throttleRate: 2 }, 95)).toBe(2);
  });

  it("has no bound of its own otherwise", () => {
    expect(estimateThroughput({ fifo: false, batchSize: 10, throttleRate: null }, 100)).toBeNull();
  });

  it("words a rate loosely", () => {
    expect(formatRate(0.4)).toBe("under 1");
    expect(formatRate(4.76)).toBe("about 4.8");
    expect(formatRate(192.3)).toBe("about 190");
    expect(formatRate(4761)).toBe("about 4,800");
  });
});
