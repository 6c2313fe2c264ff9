// The Svix list shape that /api/v1 answers with, and what the console's hooks share about it.

export interface ListPage<T> {
  data: T[];
  iterator: string | null;
  prevIterator: string | null;
  done: boolean;
}

/** `/path?limit=…&iterator=…&…` with empty values left out. */
export function listUrl(path: string, params: Record<string, string | number | boolean | null | undefined>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** For useInfiniteQuery: the next page starts after this page's last row, unless it was the last page. */
export const nextIterator = (page: ListPage<unknown>) => (page.done ? undefined : page.iterator);

/**
 * One page of a newest-first keyset list for Previous/Next paging. The API cannot say
 * whether anything lies before a page, so a page reached backwards (a "-" iterator) asks
 * for one row more: if it comes, there is a newer page; if not, this is the first one.
 * `prevIterator` is null on the first page.
 */
export async function fetchKeysetPage<T extends { id: string }>(
  fetchPage: (limit: number) => Promise<ListPage<T>>,
  iterator: string | null | undefined,
  limit: number,
): Promise<ListPage<T>> {
  if (!iterator) return { ...(await fetchPage(limit)), prevIterator: null };
  if (!iterator.startsWith("-")) return fetchPage(limit);
  const page = await fetchPage(limit + 1);
  if (page.data.length <= limit) return { ...page, prevIterator: null };
  const data = page.data.slice(1);
  return { ...page, data, prevIterator: `-${data[0]!.id}` };
}
