// The Svix list shape that /api/v1 answers with, and what the console's hooks share about it.

export interface ListPage<T> {
  data: T[];
  iterator: string | null;
  prevIterator: string | null;
  done: boolean;
}

/** A server record as it arrives over JSON: its dates are ISO strings. */
export type Jsonified<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** `/path?limit=…&iterator=…&…` with empty values left out. */
export function listUrl(path: string, params: Record<string, string | number | boolean | null | undefined>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** For useInfiniteQuery: the next page starts after this page's last row, unless it was the last page. */
export const nextIterator = (page: ListPage<unknown>) => (page.done ? undefined : page.iterator);
