import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { type PostgresSql, type SqliteSql, sql } from "@/lib/sql/connection";
import { exhaustedBody, hourBucket } from "./notice-text";

// Exhausted messages can come by the thousand from one dead receiver: they are folded into
// one notice per endpoint and hour. The fold is one upsert on the notice's unique key
// (organization, kind, endpoint, hour), so concurrent settles, in one process or many, on
// either database, add to the same row instead of racing to create two. A notice read
// meanwhile becomes unread again: there is news in it.

export interface ExhaustedMessage {
  orgId: string;
  appId: string;
  endpointId: string;
  url: string;
  messageId: string;
  eventType: string;
  attempts: number;
  lastAttempt: { timestamp: Date };
}

const KIND = "message.attempt.exhausted";
// The newest of these go into the notice's data, for the inbox and the API.
const LATEST_IDS = 5;

const FOLD = (ts: (p: string) => string, json: (p: string) => string) => `INSERT INTO "Notice" AS n ("id", "orgId", "kind", "appId", "endpointId", "messageId",
    "title", "body", "data", "createdAt", "bucket", "count", "lastAt", "emailPending")
  VALUES ($1, $2, '${KIND}', $3, $4, $5, $6, $7, ${json("$8")}, ${ts("$9")}, ${ts("$10")}, $11, ${ts("$12")}, $13)
  ON CONFLICT ("orgId", "kind", "endpointId", "bucket") DO UPDATE SET
    "count" = n."count" + excluded."count",
    "emailPending" = n."emailPending" + excluded."emailPending",
    "readAt" = NULL,
    "body" = CASE WHEN excluded."lastAt" >= n."lastAt" THEN excluded."body" ELSE n."body" END,
    "data" = CASE WHEN excluded."lastAt" >= n."lastAt" THEN excluded."data" ELSE n."data" END,
    "lastAt" = CASE WHEN excluded."lastAt" >= n."lastAt" THEN excluded."lastAt" ELSE n."lastAt" END`;
// SQLite: epoch milliseconds and JSON text; PostgreSQL: timestamp(3) in UTC and jsonb.
const SQLITE_FOLD = FOLD(
  (p) => p,
  (p) => p,
);
const POSTGRES_FOLD = FOLD(
  (p) => `(to_timestamp(${p}::float8 / 1000) AT TIME ZONE 'UTC')`,
  (p) => `${p}::jsonb`,
);

type Row = [string, string, string, string, string, string, string, string, number, number, number, number, number];

/** One row per endpoint and hour, in key order so concurrent writers lock them in the same order. */
export function foldRows(messages: readonly ExhaustedMessage[], now: number, emailed: boolean): Row[] {
  const groups = new Map<string, ExhaustedMessage[]>();
  for (const m of messages) {
    const key = `${m.orgId}\u0000${m.endpointId}\u0000${hourBucket(m.lastAttempt.timestamp.getTime())}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, group]) => {
      const ordered = [...group].sort((a, b) => a.lastAttempt.timestamp.getTime() - b.lastAttempt.timestamp.getTime());
      const first = ordered[0]!;
      const latest = ordered.at(-1)!;
      const data = {
        url: latest.url,
        lastMessageId: latest.messageId,
        lastMessageIds: ordered.slice(-LATEST_IDS).map((m) => m.messageId),
        lastEventType: latest.eventType,
      };
      return [
        newId("notice"),
        first.orgId,
        first.appId,
        first.endpointId,
        first.messageId,
        `Messages exhausted on ${latest.url}`,
        exhaustedBody(latest),
        JSON.stringify(data),
        now,
        hourBucket(first.lastAttempt.timestamp.getTime()),
        group.length,
        latest.lastAttempt.timestamp.getTime(),
        emailed ? group.length : 0,
      ];
    });
}

/**
 * Folds messages that ran out of retries into their endpoint's notice for the hour (created
 * by the first). The caller sends the notice email if one is due (send-due-digests.ts).
 */
export async function foldExhausted(messages: readonly ExhaustedMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const rows = foldRows(messages, Date.now(), Boolean(env().SMTP_URL));
  const connection = sql();
  if (connection.kind === "sqlite") {
    await connection.write((db: SqliteSql) => {
      for (const row of rows) db.run(SQLITE_FOLD, ...row);
    });
  } else {
    await connection.write(async (db: PostgresSql) => {
      for (const row of rows) await db.query(POSTGRES_FOLD, row);
    });
  }
}
