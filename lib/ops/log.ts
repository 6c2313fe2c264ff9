import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { env } from "@/lib/env";

// Structured JSON logs, one line per event, on stdout: `{"level":"info","time":…,"msg":…}`
// plus the ids that tie a line to a request (reqId), a message (msgId), a delivery
// (deliveryId) or an endpoint (endpointId). LOG_LEVEL picks what is written; lines below
// it cost nothing to skip.

interface RequestLog {
  reqId: string;
  logger?: pino.Logger;
}

// On globalThis: every route bundle of the server must share them.
const store = globalThis as unknown as { __pigeonLog?: pino.Logger; __pigeonRequestLog?: AsyncLocalStorage<RequestLog> };
const requests = (store.__pigeonRequestLog ??= new AsyncLocalStorage<RequestLog>());

function processLog(): pino.Logger {
  store.__pigeonLog ??= pino({
    level: env().LOG_LEVEL,
    base: { pid: process.pid },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return store.__pigeonLog;
}

/** The logger; inside a request (withRequestId) its lines carry the request's reqId. */
export function log(): pino.Logger {
  const request = requests.getStore();
  if (!request) return processLog();
  return (request.logger ??= processLog().child({ reqId: request.reqId }));
}

/** Runs a request's handler so that whatever it logs carries `reqId`. */
export function withRequestId<T>(reqId: string, work: () => T): T {
  return requests.run({ reqId }, work);
}

/** An error as a log field: its stack when it has one. */
export const errorField = (error: unknown) => String((error as Error)?.stack ?? error);
