import { encodeTime, monotonicFactory, ulid as ulidAt } from "ulid";

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
} as const;

export type IdKind = keyof typeof idPrefixes;

const monotonic = monotonicFactory();

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
