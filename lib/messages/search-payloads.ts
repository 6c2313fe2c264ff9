import { db, type Prisma } from "@/lib/db";

// Finding messages by a value in their payload, within a time window, on both databases
// without an index: a bounded scan. The window's messages are read newest first in chunks
// of the (appId, id) index; each chunk is one query whose rows are filtered by a substring
// test in the database (LIKE), and what passes is checked exactly here (a string or number
// value anywhere in the JSON). One request reads at most PAYLOAD_SCAN_BUDGET messages; a
// window holding more is searched further by the page's iterator ("search older").
//
// Cost at 1M messages (about 1 kB each) in the window: each request reads 50,000 rows
// (~50 MB of payloads, a few hundred milliseconds on PostgreSQL, somewhat more on SQLite);
// the whole window takes 20 requests. With fewer messages in the window, one request.

export const PAYLOAD_SCAN_BUDGET = 50_000;
const CHUNK = 5_000;

/** Whether `value` (as typed: a string, or a number written as digits) is a string or number anywhere in the JSON text. */
export function payloadHasValue(payload: string | null, value: string): boolean {
  if (payload === null) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return false;
  }
  const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value) ? Number(value) : null;
  const stack: unknown[] = [parsed];
  while (stack.length) {
    const item = stack.pop();
    if (typeof item === "string" && item === value) return true;
    if (typeof item === "number" && number !== null && item === number) return true;
    if (item && typeof item === "object") stack.push(...Object.values(item));
  }
  return false;
}

/** What a payload holding `value` must contain as text: the value as JSON writes it inside a string (digits as they are). */
const needleOf = (value: string) => JSON.stringify(value).slice(1, -1);

const SELECT = { id: true, eventType: true, eventId: true, createdAt: true } as const;
export type ScannedMessage = Prisma.MessageGetPayload<{ select: typeof SELECT }>;

export interface PayloadScan<T> {
  rows: T[];
  /** Messages read. */
  scanned: number;
  /** Where the scan stopped for its budget (the last message id read); null once the window was searched to its end or the rows sufficed. */
  stoppedAt: string | null;
}

/**
 * Up to `want` messages of the application within `range` (an id range in page order) that
 * match `where` and hold `value` in their payload.
 */
export async function scanPayloads(
  appId: string,
  value: string,
  where: Prisma.MessageWhereInput,
  range: { gt?: string; lt?: string } | undefined,
  order: "asc" | "desc",
  want: number,
): Promise<PayloadScan<ScannedMessage>> {
  let bounds: Prisma.StringFilter = { ...range };
  const rows: ScannedMessage[] = [];
  let scanned = 0;
  for (;;) {
    // The chunk's far edge: CHUNK entries along the index, no rows read.
    const [edge] = await db.message.findMany({ where: { appId, id: bounds }, orderBy: { id: order }, skip: CHUNK - 1, take: 1, select: { id: true } });
    const chunk: Prisma.StringFilter = edge ? { ...bounds, ...(order === "desc" ? { gte: edge.id } : { lte: edge.id }) } : bounds;
    const found = await db.message.findMany({
      where: { ...where, appId, id: chunk, payload: { contains: needleOf(value) } },
      orderBy: { id: order },
      select: { ...SELECT, payload: true },
    });
    for (const { payload, ...row } of found) if (payloadHasValue(payload, value)) rows.push(row);
    scanned += edge ? CHUNK : await db.message.count({ where: { appId, id: bounds } });
    if (!edge || rows.length >= want) return { rows: rows.slice(0, want), scanned, stoppedAt: null };
    bounds = { ...bounds, ...(order === "desc" ? { lt: edge.id } : { gt: edge.id }) };
    if (scanned >= PAYLOAD_SCAN_BUDGET) return { rows, scanned, stoppedAt: edge.id };
  }
}
