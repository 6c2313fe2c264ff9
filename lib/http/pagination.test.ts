import { describe, expect, it } from "vitest";
import { assertIteratorOf, keysetOrder, keysetWhere, pageOf, parseListParams } from "./pagination";

const url = (q: string) => new URL(`http://x/api?${q}`);

describe("pagination", () => {
  it("parses limit and iterator with defaults and readable errors", () => {
    expect(parseListParams(url(""))).toEqual({ limit: 50, order: "ascending" });
    expect(parseListParams(url("limit=10&iterator=app_2"))).toMatchObject({ limit: 10, after: "app_2" });
    expect(parseListParams(url("iterator=-app_2"))).toMatchObject({ before: "app_2" });
    expect(() => parseListParams(url("limit=0"))).toThrow(/limit: must be at least 1/);
    expect(() => parseListParams(url("limit=abc"))).toThrow(/limit/);
  });

  it("walks forwards and backwards over a keyset", () => {
    const all = ["a", "b", "c", "d", "e"];
    const fetch = (p: ReturnType<typeof parseListParams>) => {
      const w = keysetWhere(p);
      let rows = all.filter((r) => (!w?.gt || r > w.gt) && (!w?.lt || r < w.lt));
      if (keysetOrder(p) === "desc") rows = rows.reverse();
      return pageOf(rows.slice(0, p.limit + 1), p, (r) => r, (r) => r);
    };
    const first = fetch(parseListParams(url("limit=2")));
    expect(first).toEqual({ data: ["a", "b"], iterator: "b", prevIterator: "-a", done: false });
    const second = fetch(parseListParams(url(`limit=2&iterator=${first.iterator}`)));
    expect(second.data).toEqual(["c", "d"]);
    const last = fetch(parseListParams(url(`limit=2&iterator=${second.iterator}`)));
    expect(last).toMatchObject({ data: ["e"], done: true });
    const back = fetch(parseListParams(url(`limit=2&iterator=${encodeURIComponent(last.prevIterator!)}`)));
    expect(back.data).toEqual(["c", "d"]);
  });

  it("refuses an iterator that is not an id of the list's kind", () => {
    const id = "atmpt_01HZY3K5N7Q8R9S0T1V2W3X4Y5";
    expect(() => assertIteratorOf(parseListParams(url(`iterator=${id}`)), "attempt")).not.toThrow();
    expect(() => assertIteratorOf(parseListParams(url(`iterator=-${id}`)), "attempt")).not.toThrow();
    expect(() => assertIteratorOf(parseListParams(url("iterator=garbage")), "attempt")).toThrow(/iterator: is not an iterator/);
    expect(() => assertIteratorOf(parseListParams(url("iterator=msg_01HZY3K5N7Q8R9S0T1V2W3X4Y5")), "attempt")).toThrow(/iterator/);
  });
});
