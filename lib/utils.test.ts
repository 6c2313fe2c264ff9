import { describe, expect, it } from "vitest";
import { formatBytes } from "./utils";

describe("formatBytes", () => {
  it("uses the largest binary unit that keeps the number at least 1", () => {
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(2048)).toBe("2 KiB");
    expect(formatBytes(67_584)).toBe("66 KiB");
    expect(formatBytes(2560)).toBe("2.5 KiB");
    expect(formatBytes(1024 * 1024)).toBe("1 MiB");
    expect(formatBytes(16 * 1024 * 1024)).toBe("16 MiB");
  });
});
