"use client";

import { format, formatDistanceStrict } from "date-fns";
import { useEffect, useState } from "react";

/** "3 min ago", with the exact time (to the second) on hover; refreshed every 5 s. */
export function TimeAgo({ value, className }: { value: string; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  const date = new Date(value);
  // A time newer than the last tick (a row that just arrived) is "just now", never "in 2 seconds".
  return (
    <time dateTime={value} title={format(date, "PP, HH:mm:ss (xxx)")} className={className}>
      {now - date.getTime() < 10_000 ? "just now" : formatDistanceStrict(date, now, { addSuffix: true })}
    </time>
  );
}

/** "Mar 3, 14:05:09" — an exact time, for timelines. */
export function ExactTime({ value, className }: { value: string; className?: string }) {
  const date = new Date(value);
  return (
    <time dateTime={value} title={format(date, "PPpp (xxx)")} className={className}>
      {format(date, "MMM d, HH:mm:ss")}
    </time>
  );
}
