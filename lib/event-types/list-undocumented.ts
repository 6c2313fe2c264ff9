import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { sql } from "@/lib/sql/connection";

// Event types seen in messages but not in the catalogue (archived ones count as documented),
// with the newest payload of each as its example, so one click adds them. Bounded at any
// size: the distinct types of an application are walked through its (appId, eventType, id)
// index one seek each (a loose index scan, below), not by reading its messages: at 1M
// messages of 40 types that is 40 seeks, not 1M rows.

const MAX_TYPES = 200;
const MAX_EXAMPLE_BYTES = 16 * 1024;

const DISTINCT_TYPES = `WITH RECURSIVE seen("eventType") AS (
    SELECT min("eventType") FROM "Message" WHERE "appId" = $1
    UNION ALL
    SELECT (SELECT min("eventType") FROM "Message" WHERE "appId" = $1 AND "eventType" > seen."eventType") FROM seen WHERE seen."eventType" IS NOT NULL)
  SELECT "eventType" FROM seen WHERE "eventType" IS NOT NULL LIMIT ${MAX_TYPES}`;

export interface UndocumentedEventType {
  name: string;
  /** Applications whose messages carry it. */
  apps: number;
  lastSeenAt: Date;
  /** The newest message's payload of this type (null when too large or expired). */
  example: unknown;
}

export async function listUndocumentedEventTypes(auth: AuthContext): Promise<UndocumentedEventType[]> {
  const apps = await db.application.findMany({ where: { orgId: auth.org.id, operational: false }, select: { id: true }, take: 1000 });
  const documented = new Set((await db.eventType.findMany({ where: { orgId: auth.org.id }, select: { name: true } })).map((e) => e.name));
  const connection = sql();
  const seen = new Map<string, string[]>();
  for (const app of apps) {
    const rows =
      connection.kind === "sqlite"
        ? connection.all<{ eventType: string }>(DISTINCT_TYPES, app.id)
        : await connection.query<{ eventType: string }>(DISTINCT_TYPES, [app.id]);
    for (const { eventType } of rows) if (!documented.has(eventType)) seen.set(eventType, [...(seen.get(eventType) ?? []), app.id]);
    if (seen.size >= MAX_TYPES) break;
  }
  const found = await Promise.all(
    [...seen].map(async ([name, appIds]) => {
      const newest = await db.message.findFirst({
        where: { appId: { in: appIds }, eventType: name },
        orderBy: { id: "desc" },
        select: { createdAt: true, payload: true, payloadSize: true },
      });
      const example = newest?.payload && newest.payloadSize <= MAX_EXAMPLE_BYTES ? (JSON.parse(newest.payload) as unknown) : null;
      return { name, apps: appIds.length, lastSeenAt: newest?.createdAt ?? new Date(0), example };
    }),
  );
  return found.sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}
