import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("has defaults that work on a laptop", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toMatch(/^file:.*data\/pigeon\.db$/);
    expect(env.PUBLIC_URL).toBe("http://127.0.0.1:3000");
    expect(env.HOST).toBe("127.0.0.1");
  });

  it("takes the public URL from PUBLIC_URL, else NEXTAUTH_URL, else where npm start listens", () => {
    expect(parseEnv({ NEXTAUTH_URL: "http://127.0.0.1:4000/", PORT: "4000" }).PUBLIC_URL).toBe("http://127.0.0.1:4000");
    expect(parseEnv({ PUBLIC_URL: "https://hooks.example.com", NEXTAUTH_URL: "http://127.0.0.1:4000" }).PUBLIC_URL).toBe("https://hooks.example.com");
    expect(parseEnv({ HOST: "0.0.0.0", PORT: "8080" }).PUBLIC_URL).toBe("http://localhost:8080");
    expect(parseEnv({ HOST: "::1" }).PUBLIC_URL).toBe("http://[::1]:3000");
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
    expect(env.PIGEON_WORKER_CONCURRENCY).toBe(64);
    expect(env.PIGEON_LEASE_SECONDS).toBe(60);
    expect(parseEnv({ PIGEON_RETRY_SCHEDULE: "1,2" }).PIGEON_RETRY_SCHEDULE).toEqual([1, 2]);
    expect(parseEnv({ PIGEON_RETRY_SCHEDULE: "slack" }).PIGEON_RETRY_SCHEDULE).toEqual([60, 300]);
    expect(() => parseEnv({ PIGEON_RETRY_SCHEDULE: "soon" })).toThrow(/^PIGEON_RETRY_SCHEDULE must be .*\(got "soon"\)$/);
  });

  it("refuses a lease shorter than one attempt plus the time to claim and record it", () => {
    expect(() => parseEnv({ PIGEON_LEASE_SECONDS: "5", PIGEON_ATTEMPT_TIMEOUT_MS: "8000" })).toThrow(
      new EnvError(
        'PIGEON_LEASE_SECONDS must be at least 13 with PIGEON_ATTEMPT_TIMEOUT_MS=8000: one attempt plus 5 seconds to claim and record it; raise the lease or lower the timeout (got "5")',
      ),
    );
    // The default lease, too, when the timeout outgrows it.
    expect(() => parseEnv({ PIGEON_ATTEMPT_TIMEOUT_MS: "60000" })).toThrow(
      /^PIGEON_LEASE_SECONDS must be at least 65 with PIGEON_ATTEMPT_TIMEOUT_MS=60000: .*timeout$/,
    );
    expect(parseEnv({ PIGEON_LEASE_SECONDS: "13", PIGEON_ATTEMPT_TIMEOUT_MS: "7001" }).PIGEON_LEASE_SECONDS).toBe(13);
    expect(parseEnv({ PIGEON_LEASE_SECONDS: "6", PIGEON_ATTEMPT_TIMEOUT_MS: "1000" }).PIGEON_LEASE_SECONDS).toBe(6);
  });

  it("reads the per-organization limits' defaults", () => {
    expect(parseEnv({})).toMatchObject({ PIGEON_API_RATE_LIMIT: 1000, PIGEON_MAX_PAYLOAD_BYTES: 1024 * 1024 });
    expect(parseEnv({ PIGEON_API_RATE_LIMIT: "0" }).PIGEON_API_RATE_LIMIT).toBe(0);
    expect(() => parseEnv({ PIGEON_API_RATE_LIMIT: "-1" })).toThrow(/^PIGEON_API_RATE_LIMIT must be 0 \(no limit\) or more/);
    expect(() => parseEnv({ PIGEON_MAX_PAYLOAD_BYTES: "100" })).toThrow(/^PIGEON_MAX_PAYLOAD_BYTES must be at least 1024/);
  });
});

describe("PIGEON_ENCRYPTION_KEY", () => {
  const postgres = { NODE_ENV: "production", DATABASE_URL: "postgresql://u@h:5432/db" };

  it("is required in production with PostgreSQL, where every process needs the same key", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pigeon-env-"));
    try {
      expect(() => parseEnv({ ...postgres, PIGEON_DATA_DIR: dir })).toThrow(
        new EnvError(
          "PIGEON_ENCRYPTION_KEY must be set in production with PostgreSQL, the same in every web and worker process: generate one with `openssl rand -base64 32`",
        ),
      );
      // An install that ran without it so far is told where its key is.
      fs.writeFileSync(path.join(dir, "encryption.key"), randomBytes(32).toString("base64"));
      expect(() => parseEnv({ ...postgres, PIGEON_DATA_DIR: dir })).toThrow(
        `or set it to the content of ${path.join(dir, "encryption.key")}, the key this machine has used so far`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(parseEnv({ ...postgres, PIGEON_ENCRYPTION_KEY: randomBytes(32).toString("base64") }).PIGEON_ENCRYPTION_KEY).toBeDefined();
  });

  it("may stay unset with SQLite (one machine) and outside production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).not.toThrow();
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "file:./x.db" })).not.toThrow();
    expect(() => parseEnv({ DATABASE_URL: "postgresql://u@h:5432/db" })).not.toThrow();
  });

  it("must be 32 bytes in base64 or hex when set", () => {
    expect(() => parseEnv({ PIGEON_ENCRYPTION_KEY: "too-short" })).toThrow(
      /^PIGEON_ENCRYPTION_KEY must be 32 bytes written as base64 \(44 characters\) or hex \(64 characters\)/,
    );
    expect(() => parseEnv({ PIGEON_ENCRYPTION_KEY: randomBytes(32).toString("hex") })).not.toThrow();
  });
});
