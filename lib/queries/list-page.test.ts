import { describe, expect, it } from "vitest";
import { fetchKeysetPage, type ListPage } from "./list-page";

// A newest-first list of ids 20..1 answering like the API: "-x" walks towards newer rows.
const ids = Array.from({ length: 20 }, (_, i) => `r${String(20 - i).padStart(2, "0")}`);
function api(iterator: string | null | undefined) {
  return async (limit: number): Promise<ListPage<{ id: string }>> => {
    if (iterator?.startsWith("-")) {
      const edge = ids.indexOf(iterator.slice(1));
      const rows = ids.slice(Math.max(0, edge - limit), edge);
      return { data: rows.map((id) => ({ id })), iterator: rows.at(-1) ?? null, prevIterator: rows[0] ? `-${rows[0]}` : null, done: false };
    }
    const from = iterator ? ids.indexOf(iterator) + 1 : 0;
    const rows = ids.slice(from, from + limit);
    return { data: rows.map((id) => ({ id })), iterator: rows.at(-1) ?? null, prevIterator: rows[0] ? `-${rows[0]}` : null, done: from + limit >= ids.length };
  };
}
const page = (iterator?: string) => fetchKeysetPage(api(iterator), iterator, 5);
const idsOf = (p: ListPage<{ id: string }>) => p.data.map((r) => r.id);

describe("fetchKeysetPage", () => {
  it("has no previous page on the first page", async () => {
    const first = await page();
    expect(idsOf(first)).toEqual(["r20", "r19", "r18", "r17", "r16"]);
    expect(first.prevIterator).toBeNull();
  });

  it("walks back to the first page and knows it is the first", async () => {
    const second = await page("r16");
    const third = await page(second.iterator!);
    const backToSecond = await page(third.prevIterator!);
    expect(idsOf(backToSecond)).toEqual(idsOf(second));
    expect(backToSecond.prevIterator).toBe("-r15");
    const backToFirst = await page(backToSecond.prevIterator!);
    expect(idsOf(backToFirst)).toEqual(["r20", "r19", "r18", "r17", "r16"]);
    expect(backToFirst.prevIterator).toBeNull();
  });
});
