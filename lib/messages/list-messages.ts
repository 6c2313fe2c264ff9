import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { db, type Message } from "@/lib/db";
import { idAtTime } from "@/lib/ids";
import { keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";
import type { MessageListQuery } from "./schemas";
import { serializeMessage } from "./serialize-message";

// The channel filter runs here, since JSON containment differs between the databases;
// it reads at most this many rows per page.
const SCAN_BATCH = 500;
const MAX_SCAN = 20_000;
// A message's id time and createdAt differ by milliseconds; the id range is this much wider.
const ID_SLACK_MS = 60_000;

type IdRange = { gt?: string; lt?: string } | undefined;

/** The page's keyset bounds narrowed to the time window, so the (appId, id) index does the work. */
function withinWindow(range: IdRange, query: MessageListQuery): IdRange {
  const bounds = { ...range };
  if (query.after) {
    const start = idAtTime("message", query.after.getTime() - ID_SLACK_MS, "start");
    if (!bounds.gt || bounds.gt < start) bounds.gt = start;
  }
  if (query.before) {
    const end = idAtTime("message", query.before.getTime() + ID_SLACK_MS, "end");
    if (!bounds.lt || bounds.lt > end) bounds.lt = end;
  }
  return bounds.gt || bounds.lt ? bounds : undefined;
}

/** An application's messages, newest first, with Svix's filters. */
export async function listMessages(auth: AuthContext, appRef: string, params: ListParams, query: MessageListQuery) {
  const app = await findApplication(auth, appRef);
  const createdAt = query.before || query.after ? { ...(query.before && { lt: query.before }), ...(query.after && { gt: query.after }) } : undefined;
  const where = {
    appId: app.id,
    ...(query.eventTypes?.length && { eventType: { in: query.eventTypes } }),
    ...(createdAt && { createdAt }),
  };
  const order = keysetOrder(params);
  let rows: Message[];
  if (!query.channel) {
    rows = await db.message.findMany({ where: { ...where, id: withinWindow(keysetWhere(params), query) }, orderBy: { id: order }, take: params.limit + 1 });
  } else {
    rows = [];
    let edge = withinWindow(keysetWhere(params), query);
    for (let scanned = 0; rows.length <= params.limit && scanned < MAX_SCAN; scanned += SCAN_BATCH) {
      const batch = await db.message.findMany({ where: { ...where, id: edge }, orderBy: { id: order }, take: SCAN_BATCH });
      rows.push(...batch.filter((m) => Array.isArray(m.channels) && (m.channels as string[]).includes(query.channel!)));
      if (batch.length < SCAN_BATCH) break;
      const last = batch.at(-1)!.id;
      edge = withinWindow(order === "asc" ? { gt: last } : { lt: last }, query);
    }
    rows = rows.slice(0, params.limit + 1);
  }
  return pageOf(
    rows,
    params,
    (m) => m.id,
    (m) => serializeMessage(m, { withContent: query.withContent }),
  );
}
