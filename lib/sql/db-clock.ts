import { errorField, log } from "@/lib/ops/log";
import { sql } from "./connection";

// The engine's "now" is the database's clock, not this process's: claims, leases and
// retry times are compared with times other processes wrote, so a worker whose clock ran
// ahead would take deliveries another worker still holds (and send them twice), and one
// behind would leave them late. Each process measures its offset from the database's clock
// (against the midpoint of the round trip) when its engine starts and then every minute.
// On SQLite the database's clock is the machine's, read by SQLite rather than by Node.js.

const RESYNC_MS = 60_000;
const SAMPLES = 3;
// Worth an operator's attention: the machines' clocks are not kept in step.
const WARN_MS = 1_000;

const SQLITE_NOW = `SELECT CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER) AS "now"`;
const PG_NOW = `SELECT floor(extract(epoch from clock_timestamp()) * 1000)::float8 AS "now"`;

interface Clock {
  offsetMs: number;
  /** performance.now() of the last measurement; -Infinity before the first. */
  syncedAt: number;
  syncing: Promise<number> | null;
}
const store = globalThis as unknown as { __pigeonDbClock?: Clock };
const clock = (store.__pigeonDbClock ??= { offsetMs: 0, syncedAt: Number.NEGATIVE_INFINITY, syncing: null });

/** The database's time now (epoch ms), from this process's clock and its measured offset. */
export function dbNow(): number {
  if (performance.now() - clock.syncedAt > RESYNC_MS && !clock.syncing)
    syncDbClock().catch((error) => log().warn({ err: errorField(error) }, "cannot read the database's clock"));
  return Date.now() + clock.offsetMs;
}

/** Measures this process's offset from the database's clock; returns it (ms, positive when the database is ahead). */
export function syncDbClock(): Promise<number> {
  clock.syncing ??= (async () => {
    try {
      const connection = sql();
      // The midpoint is off by up to half the round trip, and the first query of a process
      // also opens its connection: of a few samples, the shortest round trip is the one to trust.
      let best = { roundTrip: Number.POSITIVE_INFINITY, offsetMs: 0 };
      for (let sample = 0; sample < (connection.kind === "sqlite" ? 1 : SAMPLES); sample++) {
        const before = Date.now();
        const row = connection.kind === "sqlite" ? connection.get<{ now: number }>(SQLITE_NOW) : (await connection.query<{ now: number }>(PG_NOW, []))[0];
        const after = Date.now();
        if (after - before < best.roundTrip) best = { roundTrip: after - before, offsetMs: Math.round(Number(row!.now) - (before + after) / 2) };
      }
      const { offsetMs } = best;
      if (Math.abs(offsetMs) > WARN_MS && Math.abs(offsetMs - clock.offsetMs) > WARN_MS / 2) {
        log().warn({ offsetMs }, "this machine's clock differs from the database's: the delivery engine uses the database's time");
      }
      clock.offsetMs = offsetMs;
      clock.syncedAt = performance.now();
      return offsetMs;
    } catch (error) {
      // Unreachable for now: the last offset stands, and the next try is in a few seconds.
      clock.syncedAt = performance.now() - RESYNC_MS + 5_000;
      throw error;
    } finally {
      clock.syncing = null;
    }
  })();
  return clock.syncing;
}
