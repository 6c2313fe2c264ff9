import { parseEndpointSecret } from "@/lib/crypto/endpoint-secret";
import { openEndpointSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";

/** An endpoint's signing keys, current first, then those in their grace period; or why they cannot be used. */
export interface SigningKeys {
  keys: Buffer[];
  unreadable: string | null;
}

// Decrypted signing keys per endpoint, valid while the endpoint's updatedAt is unchanged
// (rotation touches it) and until the first rotated-out key's grace period ends.
interface CachedKeys extends SigningKeys {
  updatedAt: number;
  validUntil: number;
}
const store = globalThis as unknown as { __pigeonKeyCache?: Map<string, CachedKeys> };
const keyCache = (store.__pigeonKeyCache ??= new Map());
const MAX_CACHED_ENDPOINTS = 10_000;

/** Each endpoint's signing keys. A secret that does not decrypt makes its endpoint's attempts fail, saying why. */
export async function signingKeys(endpoints: { id: string; updatedAt: Date }[], now: Date = new Date()): Promise<Map<string, SigningKeys>> {
  const result = new Map<string, SigningKeys>();
  const stale = endpoints.filter((endpoint) => {
    const cached = keyCache.get(endpoint.id);
    if (cached && cached.updatedAt === endpoint.updatedAt.getTime() && cached.validUntil > now.getTime()) {
      result.set(endpoint.id, cached);
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
    let signing: SigningKeys;
    try {
      signing = { keys: own.map((s) => parseEndpointSecret(openEndpointSecret(s))), unreadable: null };
    } catch (error) {
      signing = { keys: [], unreadable: `the endpoint's signing secret cannot be used: ${(error as Error).message}` };
    }
    const expiries = own.flatMap((s) => (s.expiresAt ? [s.expiresAt.getTime()] : []));
    const cached = { ...signing, updatedAt: endpoint.updatedAt.getTime(), validUntil: Math.min(Infinity, ...expiries) };
    keyCache.set(endpoint.id, cached);
    result.set(endpoint.id, cached);
  }
  return result;
}
