// When an endpoint keeps failing we stop sending to it: deliveries to a dead receiver only
// fill the queue. The rule looks at one window of recent attempts; the caller counts them.

export type EndpointHealth = "disable" | "failing" | "healthy";

export interface HealthInput {
  attempts: number;
  failures: number;
  /** Too few attempts say nothing: one failed ping must not disable an endpoint. */
  minAttempts: number;
  /** Failure share (0–1) at which the endpoint is disabled, e.g. 0.95. */
  disableRate: number;
  /** Failure share (0–1) at which the endpoint is reported as failing, e.g. 0.5. */
  warnRate: number;
}

export function evaluateEndpointHealth(input: HealthInput): EndpointHealth {
  const { attempts, failures, minAttempts, disableRate, warnRate } = input;
  if (attempts <= 0 || attempts < minAttempts) return "healthy";
  // Dividing (rather than multiplying the rate) keeps exact shares such as 19/20 = 0.95 exact.
  const rate = failures / attempts;
  if (rate >= disableRate) return "disable";
  if (rate >= warnRate) return "failing";
  return "healthy";
}

function formatPercent(rate: number): string {
  return `${Number((rate * 100).toFixed(1))} %`;
}

export function formatWindow(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  // Whole days read better than hours only from two days up: "24 hours", "7 days".
  if (seconds >= 2 * 86_400 && seconds % 86_400 === 0) return plural(seconds / 86_400, "day");
  if (seconds >= 3_600 && seconds % 3_600 === 0) return plural(seconds / 3_600, "hour");
  if (seconds >= 60 && seconds % 60 === 0) return plural(seconds / 60, "minute");
  return plural(seconds, "second");
}

/**
 * Plain language, e.g. "an endpoint is disabled after 95 % of at least 20 attempts fail
 * within 24 hours, and that has lasted 1 hour".
 */
export function describeDisableRule({
  windowSeconds,
  minAttempts,
  disableRate,
  minDurationSeconds = 0,
}: {
  windowSeconds: number;
  minAttempts: number;
  disableRate: number;
  minDurationSeconds?: number;
}): string {
  const attempts = minAttempts === 1 ? "at least 1 attempt" : `at least ${minAttempts} attempts`;
  const share = formatPercent(disableRate);
  const lasting = minDurationSeconds > 0 ? `, and that has lasted ${formatWindow(minDurationSeconds)}` : "";
  return `an endpoint is disabled after ${share} of ${attempts} fail within ${formatWindow(windowSeconds)}${lasting}`;
}
