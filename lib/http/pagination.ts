import { z } from "zod";
import { AppError, fromZodError } from "@/lib/errors";
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

export function parseListParams(url: URL, defaultOrder: "ascending" | "descending" = "ascending"): ListParams {
  const result = ZListParams.safeParse(Object.fromEntries([...url.searchParams].filter(([key]) => ["limit", "iterator", "order"].includes(key))));
  if (!result.success) throw fromZodError(result.error, "query");
  const { limit, iterator, order = defaultOrder } = result.data;
  if (!iterator) return { limit, order };
  return iterator.startsWith("-") ? { limit, order, before: iterator.slice(1) } : { limit, order, after: iterator };
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

/** Refuses (422) an iterator that is not an id of `kind`, instead of quietly paging from nowhere. */
export function assertIteratorOf(params: ListParams, kind: IdKind): void {
  const edge = params.after ?? params.before;
  if (edge !== undefined && !isId(kind, edge)) {
    throw new AppError("validation", "iterator: is not an iterator of this list; pass back the `iterator` or `prevIterator` of a previous page", {
      detail: [{ loc: ["query", "iterator"], msg: "invalid iterator", type: "value_error" }],
    });
  }
}
