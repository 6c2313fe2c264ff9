import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("has defaults that work on a laptop", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toMatch(/^file:.*data\/pigeon\.db$/);
    expect(env.PUBLIC_URL).toBe("http://localhost:3000");
  });

  it("names the bad variable in one line", () => {
    expect(() => parseEnv({ PORT: "abc" })).toThrow(new EnvError('PORT must be a port number (got "abc")'));
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/^PORT must be between 1 and 65535/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://db" })).toThrow(/^DATABASE_URL must be/);
  });

  it("accepts both database providers", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u@h:5432/db" }).DATABASE_URL).toBe("postgresql://u@h:5432/db");
    expect(parseEnv({ DATABASE_URL: "file:./x.db" }).DATABASE_URL).toBe("file:./x.db");
  });

  it("reads the delivery settings", () => {
    const env = parseEnv({});
    expect(env.PIGEON_RETRY_SCHEDULE).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(env.PIGEON_ATTEMPT_TIMEOUT_MS).toBe(15_000);
    expect(env.PIGEON_WORKER_CONCURRENCY).toBe(32);
    expect(env.PIGEON_LEASE_SECONDS).toBe(60);
    expect(parseEnv({ PIGEON_RETRY_SCHEDULE: "1,2" }).PIGEON_RETRY_SCHEDULE).toEqual([1, 2]);
    expect(parseEnv({ PIGEON_RETRY_SCHEDULE: "slack" }).PIGEON_RETRY_SCHEDULE).toEqual([60, 300]);
    expect(() => parseEnv({ PIGEON_RETRY_SCHEDULE: "soon" })).toThrow(/^PIGEON_RETRY_SCHEDULE must be .*\(got "soon"\)$/);
  });

  it("reads the per-organization limits' defaults", () => {
    expect(parseEnv({})).toMatchObject({ PIGEON_API_RATE_LIMIT: 1000, PIGEON_MAX_PAYLOAD_BYTES: 1024 * 1024 });
    expect(parseEnv({ PIGEON_API_RATE_LIMIT: "0" }).PIGEON_API_RATE_LIMIT).toBe(0);
    expect(() => parseEnv({ PIGEON_API_RATE_LIMIT: "-1" })).toThrow(/^PIGEON_API_RATE_LIMIT must be 0 \(no limit\) or more/);
    expect(() => parseEnv({ PIGEON_MAX_PAYLOAD_BYTES: "100" })).toThrow(/^PIGEON_MAX_PAYLOAD_BYTES must be at least 1024/);
  });
});
