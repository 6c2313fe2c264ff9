import { openEndpointHeaders } from "@/lib/crypto/secret-box";
import { type Application, db, type Endpoint, type Organization } from "@/lib/db";
import { installSettings } from "@/lib/settings/install-settings";
import { type EffectiveSettings, resolveSettings } from "@/lib/settings/resolve-settings";

// What the engine reads about an endpoint on every attempt (URL, headers, throttle rate,
// retry schedule and disable rule of its app and organization), cached per process. A
// claim returns the current updatedAt of all three rows, so any change to any of them —
// an edit, a rotation, a settings change — is seen by the next claim, in every process.

type EndpointRow = Endpoint & { app: Application & { org: Organization } };

/** An endpoint as the engine uses it: decrypted, with the settings of its application and organization resolved. */
export type EndpointContext = DecryptedEndpoint<EndpointRow> & { settings: EffectiveSettings };

/** An endpoint row with its custom headers decrypted, or `unreadable` saying why they cannot be. */
export type DecryptedEndpoint<T extends Endpoint> = Omit<T, "headers"> & { headers: Record<string, string>; unreadable: string | null };

/** Decrypts an endpoint's custom headers, once per load: attempts send what the context holds. */
export function decryptEndpoint<T extends Endpoint>(endpoint: T): DecryptedEndpoint<T> {
  try {
    return { ...endpoint, headers: openEndpointHeaders(endpoint), unreadable: null };
  } catch (error) {
    return { ...endpoint, headers: {} as Record<string, string>, unreadable: `the endpoint's custom headers cannot be used: ${(error as Error).message}` };
  }
}

/** The context of one loaded endpoint row. */
export function endpointContext(row: EndpointRow): EndpointContext {
  return { ...decryptEndpoint(row), settings: resolveSettings([row.app, row.app.org], installSettings()) };
}

interface Cached {
  versions: string;
  endpoint: EndpointContext;
}

const store = globalThis as unknown as { __pigeonEndpointContexts?: Map<string, Cached> };
const cache = (store.__pigeonEndpointContexts ??= new Map());
const MAX_CACHED_ENDPOINTS = 10_000;

/** Each endpoint with its application and organization, as of the given versions. */
export async function endpointContexts(wanted: readonly { endpointId: string; versions: string }[]): Promise<Map<string, EndpointContext>> {
  const result = new Map<string, EndpointContext>();
  const stale = new Map<string, string>();
  for (const { endpointId, versions } of wanted) {
    const cached = cache.get(endpointId);
    if (cached && cached.versions === versions) result.set(endpointId, cached.endpoint);
    else stale.set(endpointId, versions);
  }
  if (stale.size === 0) return result;
  const loaded = await db.endpoint.findMany({ where: { id: { in: [...stale.keys()] } }, include: { app: { include: { org: true } } } });
  if (cache.size + loaded.length > MAX_CACHED_ENDPOINTS) cache.clear();
  for (const row of loaded) {
    const endpoint = endpointContext(row);
    // Cached under the versions the claim saw; a row changed since is simply loaded again next time.
    cache.set(endpoint.id, { versions: stale.get(endpoint.id)!, endpoint });
    result.set(endpoint.id, endpoint);
  }
  return result;
}
