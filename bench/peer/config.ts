// What the peer's API and worker share: their configuration (from the environment, read
// once at start) and the shape of a job. A team's service would keep apps, endpoints and
// secrets in its database; a map loaded at start stands in for that, as Pigeon caches
// endpoints per process too.
import { Redis, type RedisOptions } from "ioredis";

export interface Endpoint {
  id: string;
  url: string;
  /** A Standard Webhooks secret: `whsec_` and base64. */
  secret: string;
}

/** One job per message and endpoint: everything the worker needs to send it. */
export interface DeliveryJob {
  messageId: string;
  endpointId: string;
  url: string;
  /** The payload as JSON text, serialized once by the API: the exact bytes that are signed and sent. */
  payload: string;
  eventType: string;
  timestamp: string;
}

export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

export const QUEUE = "webhooks";
/** BullMQ's key prefix: every key the peer writes starts with it, so a run can remove its own. */
export const prefix = process.env.PEER_PREFIX ?? "peer";
/** PEER_APPS: `{"<appId>": [{"id", "url", "secret"}, …]}`. */
export const apps = new Map(Object.entries(JSON.parse(required("PEER_APPS")) as Record<string, Endpoint[]>));

export const redis = (options: RedisOptions = {}) => new Redis(process.env.PEER_REDIS_URL ?? "redis://127.0.0.1:6379", options);
