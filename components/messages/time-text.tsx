"use client";

import { format, formatDistanceToNowStrict } from "date-fns";
import { useEffect, useState } from "react";

/** "3 min ago", with the exact time (to the second) on hover; refreshed every 30 s. */
export function TimeAgo({ value, className }: { value: string; className?: string }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const date = new Date(value);
  return (
    <time dateTime={value} title={format(date, "PP, HH:mm:ss (xxx)")} className={className}>
      {formatDistanceToNowStrict(date, { addSuffix: true })}
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
