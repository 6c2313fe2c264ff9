import { z } from "zod";
import { fromZodError, invalid } from "@/lib/errors";
import { type IdKind, isId } from "@/lib/ids";

// Svix's list convention: `limit` and an opaque `iterator`; answers
// `{ data, iterator, prevIterator, done }`. Our iterators are the sort key of the edge
// row; a leading "-" walks backwards from it.

const ZListParams = z.object({
  limit: z.coerce.number().int().min(1, "must be at least 1").max(250, "must be at most 250").default(50),
  iterator: z.string().max(300).optional(),
  order: z.enum(["ascending", "descending"]).optional(),
});

export interface ListParams {
  limit: number;
  after?: string;
  before?: string;
  order: "ascending" | "descending";
}

/** What a list's iterator must be: an id of one kind, or a key the list checks itself (e.g. an event-type name). */
export type IteratorOf = IdKind | ((edge: string) => boolean);

/**
 * `limit`, `iterator` and `order` from the query; an iterator that is not an edge of this
 * list is a 422, instead of quietly paging from nowhere.
 */
export function parseListParams(url: URL, iteratorOf: IteratorOf, defaultOrder: "ascending" | "descending" = "ascending"): ListParams {
  const result = ZListParams.safeParse(Object.fromEntries([...url.searchParams].filter(([key]) => ["limit", "iterator", "order"].includes(key))));
  if (!result.success) throw fromZodError(result.error, "query");
  const { limit, iterator, order = defaultOrder } = result.data;
  if (!iterator) return { limit, order };
  const edge = iterator.startsWith("-") ? iterator.slice(1) : iterator;
  if (!(typeof iteratorOf === "function" ? iteratorOf(edge) : isId(iteratorOf, edge))) {
    throw invalid(["query", "iterator"], "is not an iterator of this list; pass back the `iterator` or `prevIterator` of a previous page");
  }
  return iterator.startsWith("-") ? { limit, order, before: edge } : { limit, order, after: edge };
}

/** The `where` on the sort key for a page in the given direction. */
export function keysetWhere(params: ListParams): { gt?: string; lt?: string } | undefined {
  const ascending = params.order === "ascending";
  if (params.after) return ascending ? { gt: params.after } : { lt: params.after };
  if (params.before) return ascending ? { lt: params.before } : { gt: params.before };
  return undefined;
}

/** The Prisma sort for the page (reversed when walking backwards). */
export function keysetOrder(params: ListParams): "asc" | "desc" {
  const ascending = params.order === "ascending";
  return params.before ? (ascending ? "desc" : "asc") : ascending ? "asc" : "desc";
}

/** Builds the list response from `limit + 1` rows fetched with keysetWhere/keysetOrder. */
export function pageOf<T, O>(rows: T[], params: ListParams, key: (row: T) => string, serialize: (row: T) => O) {
  const more = rows.length > params.limit;
  let page = rows.slice(0, params.limit);
  if (params.before) page = page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    data: page.map(serialize),
    iterator: last ? key(last) : (params.after ?? null),
    prevIterator: first ? `-${key(first)}` : null,
    done: params.before ? false : !more,
  };
}
