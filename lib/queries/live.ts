// How often a page that shows live state asks again. react-query pauses interval
// refetches while the tab is hidden (refetchIntervalInBackground is off by default).
export const LIVE_INTERVAL_MS = 5_000;
// Faster while something is known to be on its way (a resend, a delivery being sent).
export const BUSY_INTERVAL_MS = 1_000;
