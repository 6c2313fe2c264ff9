"use client";

import { useEffect, useState } from "react";
import { TimeText } from "@/components/ui/time-text";

/** "Scheduled, in 4 min" while a message's deliverAt is ahead; nothing once it has passed. */
export function ScheduledBadge({ deliverAt }: { deliverAt: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  const at = deliverAt ? new Date(deliverAt).getTime() : 0;
  useEffect(() => {
    if (at <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(at - now + 50, 60_000));
    return () => clearTimeout(timer);
  }, [at, now]);
  if (!deliverAt || at <= now) return null;
  return (
    <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
      Scheduled: sent <TimeText value={deliverAt} show="until" />, nothing before
    </span>
  );
}
