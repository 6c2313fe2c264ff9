"use client";

import { RotateCw, WifiOff } from "lucide-react";
import { Button } from "./button";
import { TimeText } from "./time-text";

interface RefreshingQuery {
  isError: boolean;
  error: Error | null;
  data: unknown;
  dataUpdatedAt: number;
  isFetching: boolean;
  refetch: () => unknown;
}

/**
 * A refresh that failed while what was loaded before stays on screen: a quiet banner says
 * so, and since when the rows are, with Retry. Nothing is taken away because the server
 * could not be reached for a moment.
 */
export function RefreshError({ query }: { query: RefreshingQuery }) {
  if (!query.isError || query.data === undefined) return null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      <WifiOff className="size-4 shrink-0" aria-hidden />
      <span className="min-w-0 flex-1">
        Could not refresh: {query.error?.message ?? "the request failed"}. Showing what was loaded{" "}
        {query.dataUpdatedAt ? <TimeText value={new Date(query.dataUpdatedAt).toISOString()} show="ago" /> : "before"}.
      </span>
      <Button variant="secondary" size="sm" disabled={query.isFetching} onClick={() => void query.refetch()}>
        <RotateCw className="size-3.5" aria-hidden /> {query.isFetching ? "Retrying…" : "Retry"}
      </Button>
    </div>
  );
}
