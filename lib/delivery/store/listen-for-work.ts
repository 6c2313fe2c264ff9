import pg from "pg";
import { databaseProvider, env } from "@/lib/env";
import { errorField, log } from "@/lib/ops/log";
import { WORK_CHANNEL, wakeWorker } from "./wake";

// On PostgreSQL a worker LISTENs, on a connection of its own, for the NOTIFY that ingest in
// any process sends (./wake.ts), so an idle worker starts at once. That connection dies with
// a server restart or failover; it is opened again after a pause that doubles while the
// server stays away, and starts short again once a connection has held. Meanwhile polling
// still finds the work, only later.

const FIRST_PAUSE_MS = 100;
const LONGEST_PAUSE_MS = 10_000;

/**
 * Listens for wake-ups until the returned closer is called; resolves once the first
 * connection is listening or has failed (it keeps trying in the background).
 */
export async function listenForWork(url = env().DATABASE_URL): Promise<() => Promise<void>> {
  if (databaseProvider(url) !== "postgres") return async () => {};
  let client: pg.Client | null = null;
  let closed = false;
  let pause = FIRST_PAUSE_MS;
  let retry: NodeJS.Timeout | undefined;
  let lostAt: number | null = null;

  const connect = async () => {
    const current = new pg.Client({ connectionString: url });
    client = current;
    let connectedAt: number | null = null;
    let dropped = false;
    const drop = (error?: unknown) => {
      if (dropped || closed) return;
      dropped = true;
      current.end().catch(() => {});
      if (lostAt === null) {
        lostAt = Date.now();
        log().warn({ err: error === undefined ? undefined : errorField(error) }, "stopped listening for wake-ups; polling until the database is back");
      }
      pause = connectedAt !== null && Date.now() - connectedAt >= LONGEST_PAUSE_MS ? FIRST_PAUSE_MS : Math.min(pause * 2, LONGEST_PAUSE_MS);
      retry = setTimeout(connect, pause).unref();
    };
    current.on("notification", wakeWorker);
    current.on("error", drop);
    current.on("end", () => drop());
    try {
      await current.connect();
      await current.query(`LISTEN ${WORK_CHANNEL}`);
    } catch (error) {
      return drop(error);
    }
    connectedAt = Date.now();
    if (lostAt !== null) {
      log().info({ downMs: connectedAt - lostAt }, "listening for wake-ups again");
      lostAt = null;
      // What was sent while no one listened.
      wakeWorker();
    }
  };

  await connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
