import { AsyncLocalStorage } from "node:async_hooks";

// next-auth answers any refused credentials sign-in with 401. authorize() notes here that
// it refused one for the rate limit, and the route turns that answer into a 429.

interface Refusal {
  retryAfter: number;
}

// On globalThis: every route bundle of the server must share it.
const store = globalThis as unknown as { __pigeonSignInLimit?: AsyncLocalStorage<Refusal> };
const refusals = (store.__pigeonSignInLimit ??= new AsyncLocalStorage<Refusal>());

/** Runs a sign-in request; `retryAfter` > 0 when authorize() refused it for the rate limit. */
export async function watchSignInLimit<T>(work: () => Promise<T>): Promise<{ result: T; retryAfter: number }> {
  const refusal: Refusal = { retryAfter: 0 };
  const result = await refusals.run(refusal, work);
  return { result, retryAfter: refusal.retryAfter };
}

/** Called by authorize() when the account or address is over its limit. */
export function noteSignInLimited(retryAfter: number): void {
  const refusal = refusals.getStore();
  if (refusal) refusal.retryAfter = retryAfter;
}
