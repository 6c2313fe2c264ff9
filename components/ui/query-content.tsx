import type { ReactNode } from "react";
import { RefreshError } from "./refresh-error";

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  data: T | undefined;
  dataUpdatedAt: number;
  isFetching: boolean;
  refetch: () => unknown;
}

/** The loading, error and empty states of a query, then its data (kept, with a note, when a refresh fails). */
export function QueryContent<T>({
  query,
  loading = "Loading…",
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike<T>;
  loading?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <p className="p-6 text-sm text-zinc-500">{loading}</p>;
  if (query.data === undefined)
    return (
      <p role="status" className="p-6 text-sm text-red-700">
        {query.error?.message ?? "Could not load this."}
      </p>
    );
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return (
    <>
      <RefreshError query={query} />
      {children(query.data)}
    </>
  );
}
