import { randomFillSync } from "node:crypto";
import { decodeTime, encodeTime, monotonicFactory, ulid as ulidAt } from "ulid";

// Prefixed, time-sortable ids (ULIDs: digits and upper-case letters, so every collation
// orders them by creation time). Keyset paging relies on that order.
export const idPrefixes = {
  org: "org",
  user: "user",
  membership: "mbr",
  invitation: "inv",
  apiKey: "key",
  app: "app",
  eventType: "evt",
  endpoint: "ep",
  secret: "sec",
  message: "msg",
  delivery: "dlv",
  attempt: "atmpt",
  notice: "ntc",
  audit: "aud",
  idempotency: "idem",
  task: "qtask",
  batch: "batch",
  portalSession: "psn",
  passwordReset: "pwr",
} as const;

export type IdKind = keyof typeof idPrefixes;

// ulid draws one random number per character (16 per id); a pooled crypto read serves
// hundreds of ids instead of one system call per character. byte / 256 is uniform over
// the 32 symbols ulid picks from.
const pool = Buffer.alloc(4096);
let offset = pool.length;
function pooledRandom(): number {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++]! / 256;
}

const monotonic = monotonicFactory(pooledRandom);

/** A new id; pass `time` only to date a record in the past (seeding, imports). */
export function newId(kind: IdKind, time?: number): string {
  return `${idPrefixes[kind]}_${time === undefined ? monotonic() : ulidAt(time)}`;
}

export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${idPrefixes[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);
}

/**
 * The smallest ("start") or largest ("end") id of a kind that could have been made at
 * `time`. Because ids begin with their time, a time window becomes an id range, which the
 * (parent, id) indexes answer directly.
 */
export function idAtTime(kind: IdKind, time: number, edge: "start" | "end"): string {
  return `${idPrefixes[kind]}_${encodeTime(Math.max(0, time), 10)}${(edge === "start" ? "0" : "Z").repeat(16)}`;
}

/** When an id was made (epoch ms): the time its first characters carry. */
export function timeOfId(id: string): number {
  return decodeTime(id.slice(id.indexOf("_") + 1));
}

/**
 * A keyset range on ids of `kind` narrowed to a time window (`after` < time < `before`),
 * widened by `slackMs` since an id's time and its row's createdAt differ by milliseconds;
 * the exact window is then a cheap createdAt filter on the rows the range leaves.
 */
export function idRangeWithin(
  kind: IdKind,
  range: { gt?: string; lt?: string } | undefined,
  window: { after?: Date; before?: Date },
  slackMs = 60_000,
): { gt?: string; lt?: string } | undefined {
  const bounds = { ...range };
  if (window.after) {
    const start = idAtTime(kind, window.after.getTime() - slackMs, "start");
    if (!bounds.gt || bounds.gt < start) bounds.gt = start;
  }
  if (window.before) {
    const end = idAtTime(kind, window.before.getTime() + slackMs, "end");
    if (!bounds.lt || bounds.lt > end) bounds.lt = end;
  }
  return bounds.gt || bounds.lt ? bounds : undefined;
}
