import pino from "pino";
import { env } from "@/lib/env";

// Structured JSON logs, one line per event, on stdout: `{"level":"info","time":…,"msg":…}`
// plus the ids that tie a line to a request (reqId), a message (msgId), a delivery
// (deliveryId) or an endpoint (endpointId). LOG_LEVEL picks what is written; lines below
// it cost nothing to skip.

const store = globalThis as unknown as { __pigeonLog?: pino.Logger };

export function log(): pino.Logger {
  store.__pigeonLog ??= pino({
    level: env().LOG_LEVEL,
    base: { pid: process.pid },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return store.__pigeonLog;
}

/** An error as a log field: its stack when it has one. */
export const errorField = (error: unknown) => String((error as Error)?.stack ?? error);
