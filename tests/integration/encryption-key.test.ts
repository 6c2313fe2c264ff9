import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../support/server";
import { until } from "../support/wait";

// Secrets are encrypted with PIGEON_ENCRYPTION_KEY, or with a key generated beside the
// database. Several processes on PostgreSQL would each generate their own: refused. One
// machine on SQLite (npm start with no configuration) keeps working, with a warning.

const POSTGRES = "postgresql://postgres@127.0.0.1:1/nothing";
const REFUSAL =
  "✖ Invalid environment: PIGEON_ENCRYPTION_KEY must be set in production with PostgreSQL, the same in every web and worker process: generate one with `openssl rand -base64 32`";
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "pigeon-key-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the encryption key at start-up", () => {
  it("a production server on PostgreSQL without PIGEON_ENCRYPTION_KEY exits with one line saying how to make one", async () => {
    const error = await startServer({ DATABASE_URL: POSTGRES, PIGEON_DATA_DIR: dir, PIGEON_ENCRYPTION_KEY: "" }).then(
      async (server) => {
        await server.stop();
        return new Error(`the server started:\n${server.output()}`);
      },
      (e: Error) => e,
    );
    expect(error.message).toMatch(/^server exited early/);
    expect(error.message.split("\n").filter((line) => line.includes("PIGEON_ENCRYPTION_KEY"))).toEqual([REFUSAL]);
    expect(existsSync(path.join(dir, "encryption.key"))).toBe(false);
  });

  it("so do a standalone worker and the migrations", () => {
    for (const script of ["scripts/worker.ts", "scripts/migrate.ts"]) {
      const result = spawnSync(process.execPath, ["--import", "tsx", script], {
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: POSTGRES, PIGEON_DATA_DIR: dir, PIGEON_ENCRYPTION_KEY: "" },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(result.status, script).toBe(1);
      expect(result.stderr.trim(), script).toBe(REFUSAL);
    }
  });

  it("a production server on SQLite starts and warns once: where the key is, and to back it up with the database", async () => {
    const server = await startServer({ DATABASE_URL: `file:${path.join(dir, "pigeon.db")}`, PIGEON_DATA_DIR: dir, PIGEON_ENCRYPTION_KEY: "" });
    try {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      await fetch(`${server.url}/api/ready`);
      const warning = await until(
        () =>
          server
            .output()
            .split("\n")
            .filter((line) => line.includes("PIGEON_ENCRYPTION_KEY is not set")),
        "the warning",
      );
      expect(warning).toHaveLength(1);
      expect(warning[0]).toContain(`encrypted with the key in ${path.join(dir, "encryption.key")}`);
      expect(warning[0]).toContain("Back it up with the database: if it is lost, every stored secret is lost with it");
    } finally {
      await server.stop();
    }
  });
});
