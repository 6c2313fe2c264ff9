"use client";

import { RefreshCw } from "lucide-react";
import { useEffect, useState } from "react";
import { cn } from "@/lib/utils";
import { exactTitle } from "./time-text";

function ago(seconds: number) {
  if (seconds < 2) return "just now";
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m ago` : `${Math.floor(minutes / 60)}h ago`;
}

/**
 * "Updated 3s ago", ticking every second, from a query's `dataUpdatedAt`; the icon spins
 * while a refetch is under way.
 */
export function UpdatedAgo({ updatedAt, fetching = false, className }: { updatedAt: number; fetching?: boolean; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!updatedAt) return null;
  const seconds = Math.max(0, Math.floor((now - updatedAt) / 1000));
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-xs text-zinc-500 tabular-nums", className)} title={exactTitle(updatedAt)}>
      <RefreshCw className={cn("size-3", fetching && "animate-spin")} aria-hidden />
      <span aria-live="off">Updated {ago(seconds)}</span>
    </span>
  );
}
