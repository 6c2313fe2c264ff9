// Waiting between tries: 1 s, doubling to 30 s, back to 1 s after a success. Every wait
// ends early when the listener is asked to stop.

export class Backoff {
  private delay: number;

  constructor(
    private readonly firstMs = 1_000,
    private readonly maxMs = 30_000,
  ) {
    this.delay = firstMs;
  }

  /** The delay to wait now; the one after it is twice as long, up to the maximum. */
  next(atLeastMs = 0): number {
    const delay = Math.min(this.maxMs, Math.max(this.delay, atLeastMs));
    this.delay = Math.min(this.maxMs, this.delay * 2);
    return delay;
  }

  reset() {
    this.delay = this.firstMs;
  }
}

/** Waits `ms`; false when `signal` aborted the wait (or already had). */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (completed: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", aborted);
      resolve(completed);
    };
    const aborted = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", aborted, { once: true });
  });
}

export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
