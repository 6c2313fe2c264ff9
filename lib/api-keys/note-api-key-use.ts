import { db } from "@/lib/db";
import { errorField, log } from "@/lib/ops/log";

// "Last used" is shown to people: a minute's precision spares a write per request.
const TOUCH_EVERY_MS = 60_000;

// When this process last tried to record each key's use, so that a database that refuses
// writes (full, read-only) costs at most one failed write per key and minute, not one per request.
const store = globalThis as unknown as { __pigeonKeyTouches?: Map<string, number> };
const touched = (store.__pigeonKeyTouches ??= new Map());

/**
 * Records that a key was used, at most once a minute, without making the request wait:
 * it is bookkeeping, and its failure must never fail the request (a read-only database
 * still serves reads).
 */
export function noteApiKeyUse(keyId: string, lastUsedAt: number | null, now = Date.now()): void {
  if (lastUsedAt !== null && now - lastUsedAt < TOUCH_EVERY_MS) return;
  if (now - (touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
  // Old entries go when the map grows; a forgotten key is merely touched again.
  if (touched.size >= 10_000) touched.clear();
  touched.set(keyId, now);
  db.apiKey
    .update({ where: { id: keyId }, data: { lastUsedAt: new Date(now) } })
    .catch((error) => log().warn({ keyId, err: errorField(error) }, "API key's last use not recorded"));
}
