import { z } from "zod";

// When to try a failed delivery again. A schedule lists the delays in seconds between
// attempts: the first attempt is immediate and each entry adds one retry.

const MAX_RETRIES = 20;
const MAX_DELAY_SECONDS = 7 * 24 * 60 * 60;
const JITTER = 0.2;
// A receiver that throttles us or cannot answer in time is overloaded; backing off at
// least this long keeps short schedules from hammering it.
const OVERLOAD_MIN_SECONDS = 60;

/** Svix's schedule: immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h. */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = Object.freeze([5, 300, 1800, 7200, 18000, 36000, 36000]);

export interface RetryPreset {
  label: string;
  schedule: readonly number[];
}

export const RETRY_PRESETS = {
  standard: { label: "Standard: 8 attempts over about 28 hours", schedule: DEFAULT_RETRY_SCHEDULE },
  slack: { label: "Slack-style: 3 attempts within 6 minutes", schedule: Object.freeze([60, 300]) },
  aggressive: {
    label: "Aggressive: 6 attempts within about 13 minutes",
    schedule: Object.freeze([1, 5, 30, 120, 600]),
  },
  none: { label: "No retries: a single attempt", schedule: Object.freeze([]) },
} satisfies Record<string, RetryPreset>;

export type RetryPresetName = keyof typeof RETRY_PRESETS;

/** The same rule as PIGEON_RETRY_SCHEDULE, for schedules set through the API or settings. */
export const ZRetrySchedule = z
  .array(
    z
      .number()
      .int("each delay must be a whole number of seconds")
      .min(0, "a delay cannot be negative")
      .max(MAX_DELAY_SECONDS, `each delay must be at most ${MAX_DELAY_SECONDS} seconds (7 days)`),
  )
  .max(MAX_RETRIES, `at most ${MAX_RETRIES} retries`);

/** Reads PIGEON_RETRY_SCHEDULE: comma-separated seconds such as "5,300,1800", or a preset name. */
export function parseRetrySchedule(value: string): number[] {
  const text = value.trim();
  if (Object.hasOwn(RETRY_PRESETS, text)) return [...RETRY_PRESETS[text as RetryPresetName].schedule];
  const entries = text.split(",").map((entry) => entry.trim());
  const valid = entries.length <= MAX_RETRIES && entries.every((entry) => /^\d{1,7}$/.test(entry) && Number(entry) <= MAX_DELAY_SECONDS);
  if (!valid) {
    throw new Error(
      `PIGEON_RETRY_SCHEDULE must be up to ${MAX_RETRIES} comma-separated delays in whole seconds, ` +
        `each at most ${MAX_DELAY_SECONDS} (7 days), e.g. "5,300,1800", ` +
        `or one of ${Object.keys(RETRY_PRESETS).join(", ")} (got "${value}")`,
    );
  }
  return entries.map(Number);
}

export interface RetryInput {
  schedule: readonly number[];
  /** 1-based number of the attempt that just failed. */
  attemptNumber: number;
  /** HTTP status of the failed attempt, if a response arrived. */
  status?: number;
  /** "timeout" when the receiver did not answer in time; other kinds get no special treatment. */
  errorKind?: string;
  /** The response's Retry-After, already parsed (see parseRetryAfter). */
  retryAfterSeconds?: number;
  random?: () => number;
}

/** Milliseconds to wait before the next attempt, or null when the schedule is used up. */
export function nextAttemptDelay({ schedule, attemptNumber, status, errorKind, retryAfterSeconds, random = Math.random }: RetryInput): number | null {
  if (!Number.isInteger(attemptNumber) || attemptNumber < 1) {
    throw new Error(`attemptNumber must be a whole number from 1, got ${attemptNumber}`);
  }
  const base = schedule[attemptNumber - 1];
  if (base === undefined) return null;
  let seconds: number;
  if (retryAfterSeconds !== undefined && !Number.isNaN(retryAfterSeconds)) {
    // Honour the receiver's wish, but neither sooner than planned nor so late it stalls the queue.
    seconds = Math.min(Math.max(retryAfterSeconds, base), 2 * base);
  } else {
    // Jitter spreads out retries of messages that failed together, e.g. during an outage.
    seconds = base * (1 + JITTER * (2 * random() - 1));
  }
  if (status === 429 || errorKind === "timeout") seconds = Math.max(seconds, OVERLOAD_MIN_SECONDS);
  return Math.max(0, Math.round(seconds * 1000));
}

const HTTP_DATE_START = /^(mon|tue|wed|thu|fri|sat|sun)/i;

/** A Retry-After header as seconds from `now`: either delay-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  // Date.parse accepts almost anything ("1.5", "May"); every HTTP date starts with a day name.
  if (!HTTP_DATE_START.test(text)) return undefined;
  // HTTP dates are always GMT, but the asctime form does not say so and would parse as local time.
  const at = Date.parse(/GMT$/i.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

const UNITS: [number, (n: number) => string][] = [
  [86_400, (n) => `${n} day${n === 1 ? "" : "s"}`],
  [3_600, (n) => `${n} h`],
  [60, (n) => `${n} min`],
  [1, (n) => `${n} s`],
];

function formatDelay(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [size, format] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(format(count));
  }
  return parts.join(" ") || "0 s";
}

/** Plain language, e.g. "immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h". */
export function describeSchedule(schedule: readonly number[]): string {
  const delays = schedule.map(formatDelay);
  const last = delays.pop();
  if (last === undefined) return "immediately, with no retries";
  return `immediately, then after ${delays.length ? `${delays.join(", ")} and ${last}` : last}`;
}
