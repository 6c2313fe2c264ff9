// What the scenarios of `npm run bench` measure: a service that accepts messages over HTTP
// and delivers them to the receiver. Pigeon is one; the peer (bench/peer) is another.
import { Pool } from "undici";
import type { MemoryWatch } from "./memory-watch";

export interface Target {
  /** A keep-alive pool to the target's API. */
  api: Pool;
  key: string;
  appId: string;
  /** The target's processes (from a release(), those that deliver). */
  memory: MemoryWatch;
  /** Starts delivering, for a target launched `held`. */
  release(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a target whose app has `fanout` endpoints on the receiver; `held`, it accepts but delivers nothing until release(). */
export type Launch = (fanout: number, options: { held?: boolean }) => Promise<Target>;

/** The pool the API clients share: enough connections that none waits for one. */
export const apiPool = (url: string, clients: number) => new Pool(url, { connections: Math.max(clients, 256), keepAliveTimeout: 60_000 });
