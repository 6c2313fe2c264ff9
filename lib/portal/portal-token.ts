import { randomToken } from "@/lib/crypto/random-token";

// A customer portal session's token: `pgp_<random>`, shown once (in the link), stored as its hash.
export const PORTAL_TOKEN_PREFIX = "pgp_";

export const isPortalToken = (token: string) => token.startsWith(PORTAL_TOKEN_PREFIX);

export const newPortalToken = () => randomToken(PORTAL_TOKEN_PREFIX, 32);
