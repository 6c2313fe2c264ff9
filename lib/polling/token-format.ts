// What a polling endpoint's token looks like, apart from checking it: `pgs_<app id>.<endpoint
// id>.<secret>`. Kept free of the database so a client (`pigeon listen`) can read it too.
export const POLLING_TOKEN_PREFIX = "pgs_";

/** The application and endpoint a token names (unchecked: only its hash proves it). */
export function parsePollingToken(token: string): { appId: string; endpointId: string } | null {
  const match = /^pgs_(app_[0-9A-Za-z]+)\.(ep_[0-9A-Za-z]+)\.[\w-]{16,}$/.exec(token);
  return match ? { appId: match[1]!, endpointId: match[2]! } : null;
}

export const isPollingToken = (token: string) => token.startsWith(POLLING_TOKEN_PREFIX);
