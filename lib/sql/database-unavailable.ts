// Whether an error means the database cannot serve the request right now — unreachable,
// busy beyond our deadline, out of space or read-only — as opposed to a fault of the
// request or of Pigeon. Such errors are answered 503 with Retry-After: the same request
// is expected to succeed once the database is back.
//
// The error comes from better-sqlite3 or pg directly (plain SQL) or through Prisma, which
// either gives its own P code or wraps the driver's error as `cause` or
// `meta.driverAdapterError`; every layer is looked at.

// Prisma's codes, and its driver adapters' error kinds, for a database out of reach.
const PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// The connection itself failing, as Node reports it.
const SOCKET = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
// SQLite (extended codes such as SQLITE_IOERR_WRITE or SQLITE_READONLY_DBMOVED share the prefix).
const SQLITE = /^SQLITE_(FULL|READONLY|BUSY|IOERR|CANTOPEN)/;
// PostgreSQL SQLSTATEs: connection exceptions (08), insufficient resources (53: disk full,
// out of memory, too many connections), the server shutting down or starting (57P01-57P03),
// a read-only transaction (a standby, default_transaction_read_only).
const POSTGRES = /^(08...|53...|57P0[123]|25006)$/;

function codes(error: unknown, depth = 0): string[] {
  if (typeof error !== "object" || error === null || depth > 4) return [];
  const e = error as { code?: unknown; originalCode?: unknown; kind?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  const own = [e.code, e.originalCode, e.kind].filter((value): value is string => typeof value === "string");
  return [...own, ...codes(e.cause, depth + 1), ...codes(e.meta?.driverAdapterError, depth + 1)];
}

// pg reports a connection that ended under a query with no code at all; its message is the
// only sign (pg/lib/client.js).
const pgConnectionEnded = (error: unknown) => error instanceof Error && error.message.startsWith("Connection terminated");

export function isDatabaseUnavailable(error: unknown): boolean {
  if (pgConnectionEnded(error) || pgConnectionEnded((error as { cause?: unknown } | null)?.cause)) return true;
  return codes(error).some((code) => PRISMA.has(code) || ADAPTER_KINDS.has(code) || SOCKET.has(code) || SQLITE.test(code) || POSTGRES.test(code));
}
