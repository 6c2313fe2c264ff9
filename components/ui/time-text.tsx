"use client";

import { format, formatDistanceStrict } from "date-fns";
import { useEffect, useState } from "react";

// The console's dates are shown through this file (the health chart's axis labels aside):
// one hover text (the exact time to the second, with the viewer's offset) and a few
// visible forms.

/** "Mar 3, 2025, 14:05:09 (+01:00)": the exact time, for a hover title. */
export function exactTitle(value: string | number | Date): string {
  return format(new Date(value), "PP, HH:mm:ss (xxx)");
}

/** "in 4 min" for a scheduled retry, "due now" once its time has passed. */
export function nextTryText(at: string | null, now = Date.now()): string | null {
  if (!at) return null;
  const date = new Date(at);
  return date.getTime() <= now ? "due now" : `in ${formatDistanceStrict(date, now)}`;
}

const FORMATS = {
  /** "Mar 3, 2025" */
  date: "MMM d, yyyy",
  /** "Mar 3, 14:05:09", for timelines. */
  exact: "MMM d, HH:mm:ss",
  /** "2025-03-03 14:05:09", for logs read row by row. */
  log: "yyyy-MM-dd HH:mm:ss",
} as const;

/** "3 min ago" / "in 4 min" must move on while the page stays open. */
function useNow(live: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, [live]);
  return now;
}

/**
 * A time as a `<time>` element with the exact time on hover: `date`, `exact` or `log` as
 * above, `ago` ("3 minutes ago") or `until` ("in 4 minutes"), the last two refreshed
 * every 5 s. A missing time is a dash.
 */
export function TimeText({
  value,
  show = "date",
  className,
}: {
  value: string | null | undefined;
  show?: keyof typeof FORMATS | "ago" | "until";
  className?: string;
}) {
  const now = useNow(show === "ago" || show === "until");
  if (!value) return <span className="text-zinc-400">—</span>;
  const date = new Date(value);
  let text: string;
  if (show === "ago") {
    // A time newer than the last tick (a row that just arrived) is "just now", never "in 2 seconds".
    text = now - date.getTime() < 10_000 ? "just now" : formatDistanceStrict(date, now, { addSuffix: true });
  } else if (show === "until") {
    text = nextTryText(value, now)!;
  } else {
    text = format(date, FORMATS[show]);
  }
  return (
    <time dateTime={value} title={exactTitle(date)} className={className}>
      {text}
    </time>
  );
}

// Time filters travel in the URL as ISO instants (a link means the same moment to
// everyone) and are edited in a datetime-local input in the viewer's own time zone.

/** "2026-03-01T14:30" (local) → ISO, or undefined when empty or not a time. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** ISO → the local "yyyy-MM-ddTHH:mm" a datetime-local input shows. */
export function isoToLocalInput(value: string | undefined | null): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : format(date, "yyyy-MM-dd'T'HH:mm");
}
