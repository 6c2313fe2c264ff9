import { ZRetrySchedule } from "@/lib/delivery/retry-schedule";

// Delivery settings come in layers: an application's override its organization's, which
// override the installation's defaults (environment variables). This is the one place
// that resolves them, for the engine (retry schedule), the health rule and the Settings
// page alike. Pure: the page imports it too.

/** One layer as stored: null (or absent) means "as the layer below". */
export interface SettingsLayer {
  retrySchedule?: unknown;
  disableWindowSeconds?: number | null;
  disableMinAttempts?: number | null;
  disableFailureRate?: number | null;
  disableMinDurationSeconds?: number | null;
}

/** The installation's defaults: every value set. */
export interface InstallSettings {
  retrySchedule: readonly number[];
  disableWindowSeconds: number;
  disableMinAttempts: number;
  disableFailureRate: number;
  disableMinDurationSeconds: number;
  /** The early-warning share (PIGEON_FAILING_RATE); not a per-organization setting. */
  failingRate: number;
}

/** The disable rule in force for an endpoint. */
export interface DisableRule {
  windowSeconds: number;
  minAttempts: number;
  disableRate: number;
  /** Never above disableRate: an endpoint about to be disabled has been reported failing. */
  warnRate: number;
  minDurationSeconds: number;
}

export interface EffectiveSettings {
  retrySchedule: readonly number[];
  rule: DisableRule;
}

const first = <T>(values: (T | null | undefined)[], fallback: T): T => values.find((value) => value !== null && value !== undefined) ?? fallback;

function scheduleOf(layers: (SettingsLayer | null | undefined)[], fallback: readonly number[]): readonly number[] {
  for (const layer of layers) {
    if (layer?.retrySchedule === null || layer?.retrySchedule === undefined) continue;
    const parsed = ZRetrySchedule.safeParse(layer.retrySchedule);
    if (parsed.success) return parsed.data;
  }
  return fallback;
}

/** What applies, most specific layer first (e.g. `[app, org]`), over the installation's defaults. */
export function resolveSettings(layers: (SettingsLayer | null | undefined)[], install: InstallSettings): EffectiveSettings {
  const disableRate = first(
    layers.map((l) => l?.disableFailureRate),
    install.disableFailureRate,
  );
  return {
    retrySchedule: scheduleOf(layers, install.retrySchedule),
    rule: {
      windowSeconds: first(
        layers.map((l) => l?.disableWindowSeconds),
        install.disableWindowSeconds,
      ),
      minAttempts: first(
        layers.map((l) => l?.disableMinAttempts),
        install.disableMinAttempts,
      ),
      disableRate,
      warnRate: Math.min(install.failingRate, disableRate),
      minDurationSeconds: first(
        layers.map((l) => l?.disableMinDurationSeconds),
        install.disableMinDurationSeconds,
      ),
    },
  };
}
