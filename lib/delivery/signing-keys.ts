import { parseEndpointSecret } from "@/lib/crypto/endpoint-secret";
import { secretBox } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";

// Decrypted signing keys per endpoint, valid while the endpoint's updatedAt is unchanged
// (rotation touches it) and until the first rotated-out key's grace period ends.
interface CachedKeys {
  updatedAt: number;
  validUntil: number;
  keys: Buffer[];
}
const store = globalThis as unknown as { __pigeonKeyCache?: Map<string, CachedKeys> };
const keyCache = (store.__pigeonKeyCache ??= new Map());
const MAX_CACHED_ENDPOINTS = 10_000;

/** Each endpoint's signing keys: the current key first, then those still in their grace period. */
export async function signingKeys(endpoints: { id: string; updatedAt: Date }[], now: Date = new Date()): Promise<Map<string, Buffer[]>> {
  const result = new Map<string, Buffer[]>();
  const stale = endpoints.filter((endpoint) => {
    const cached = keyCache.get(endpoint.id);
    if (cached && cached.updatedAt === endpoint.updatedAt.getTime() && cached.validUntil > now.getTime()) {
      result.set(endpoint.id, cached.keys);
      return false;
    }
    return true;
  });
  if (stale.length === 0) return result;
  const secrets = await db.endpointSecret.findMany({
    where: { endpointId: { in: stale.map((e) => e.id) }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
  });
  if (keyCache.size > MAX_CACHED_ENDPOINTS) keyCache.clear();
  for (const endpoint of stale) {
    const own = secrets.filter((s) => s.endpointId === endpoint.id);
    own.sort((a, b) => Number(a.expiresAt !== null) - Number(b.expiresAt !== null));
    const keys = own.map((s) => parseEndpointSecret(secretBox().decrypt(s.ciphertext)));
    const expiries = own.flatMap((s) => (s.expiresAt ? [s.expiresAt.getTime()] : []));
    keyCache.set(endpoint.id, { updatedAt: endpoint.updatedAt.getTime(), validUntil: Math.min(Infinity, ...expiries), keys });
    result.set(endpoint.id, keys);
  }
  return result;
}
