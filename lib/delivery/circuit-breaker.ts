// The circuit breaker: an endpoint whose attempts keep timing out holds a worker's slots
// for the whole attempt timeout each time, so after a few in a row it is backed off. Its
// waiting deliveries move to the end of the back-off; then one attempt (the probe) goes
// alone. An answer of any kind closes the breaker; another timeout opens it again for
// twice as long. Timeouts are what it watches: an endpoint that fails fast (refused, 5xx)
// costs little and is left to the retry schedule and the disable rule.

/** Attempts in a row that timed out before an endpoint is backed off. */
export const TIMEOUTS_TO_OPEN = 5;
const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 15 * 60_000;

export interface BreakerState {
  /** Attempts in a row that timed out. */
  timeoutStreak: number;
  /** While open: when the probe may go (epoch ms); null when closed. */
  backoffUntil: number | null;
}

/**
 * The breaker after a group of attempts to one endpoint, in the order they finished
 * (`true`: timed out). While it is open, timeouts of attempts sent before it opened say
 * nothing new, and leave it as it was.
 */
export function afterAttempts(before: BreakerState, timedOut: readonly boolean[], now: number): BreakerState {
  const open = before.backoffUntil !== null && before.backoffUntil > now;
  const answered = timedOut.lastIndexOf(false);
  if (open && answered === -1) return before;
  const trailing = timedOut.length - 1 - answered;
  const streak = answered === -1 ? before.timeoutStreak + trailing : trailing;
  if (streak < TIMEOUTS_TO_OPEN) return { timeoutStreak: streak, backoffUntil: null };
  // Opened by this group: counted from the threshold, so each failed probe after it doubles the wait.
  const counted = before.timeoutStreak < TIMEOUTS_TO_OPEN ? TIMEOUTS_TO_OPEN : streak;
  return { timeoutStreak: counted, backoffUntil: now + backoffMs(counted) };
}

/** How long an endpoint with this streak waits before its probe. */
export function backoffMs(streak: number): number {
  return Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, streak - TIMEOUTS_TO_OPEN), MAX_BACKOFF_MS);
}

/** Attempts a worker may have in flight to an endpoint: its limit, or one probe while its breaker is half-open. */
export function inFlightCap(endpoint: { timeoutStreak: number; maxInFlight: number | null }, defaultCap: number): number {
  return endpoint.timeoutStreak >= TIMEOUTS_TO_OPEN ? 1 : (endpoint.maxInFlight ?? defaultCap);
}
