import type { ReactNode } from "react";

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  data: T | undefined;
}

/** The loading, error and empty states of a query, then its data. */
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
  if (query.isError || query.data === undefined)
    return (
      <p role="status" className="p-6 text-sm text-red-700">
        {query.error?.message ?? "Could not load this."}
      </p>
    );
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
