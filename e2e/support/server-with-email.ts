import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type RunningServer, startServer } from "../../tests/support/server";
import { type SmtpSink, startSmtpSink } from "../../tests/support/smtp-sink";

export interface ServerWithEmail {
  server: RunningServer;
  smtp: SmtpSink;
  stop(): Promise<void>;
}

/**
 * The suite's server has no SMTP; this one does: its own production server (no worker) on a
 * fresh SQLite file, sending to an SMTP sink in this process.
 */
export async function startServerWithEmail(): Promise<ServerWithEmail> {
  const smtp = await startSmtpSink();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pigeon-e2e-email-"));
  const env = { PIGEON_DATA_DIR: dataDir, DATABASE_URL: `file:${path.join(dataDir, "pigeon.db")}`, SMTP_URL: smtp.url, NEXT_TELEMETRY_DISABLED: "1" };
  execFileSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { env: { ...process.env, ...env }, stdio: "ignore" });
  const server = await startServer({ ...env, PIGEON_WORKER: "false" });
  return {
    server,
    smtp,
    async stop() {
      await server.stop();
      await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
