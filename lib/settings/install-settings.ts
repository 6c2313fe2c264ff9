import { env } from "@/lib/env";
import type { InstallSettings } from "./resolve-settings";

/** The installation's default delivery settings, from the environment. */
export function installSettings(): InstallSettings {
  const e = env();
  return {
    retrySchedule: e.PIGEON_RETRY_SCHEDULE,
    disableWindowSeconds: e.PIGEON_DISABLE_WINDOW_SECONDS,
    disableMinAttempts: e.PIGEON_DISABLE_MIN_ATTEMPTS,
    disableFailureRate: e.PIGEON_DISABLE_FAILURE_RATE,
    disableMinDurationSeconds: e.PIGEON_DISABLE_MIN_DURATION_SECONDS,
    failingRate: e.PIGEON_FAILING_RATE,
  };
}
