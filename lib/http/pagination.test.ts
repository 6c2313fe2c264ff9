import { describe, expect, it } from "vitest";
import { keysetOrder, keysetWhere, pageOf, parseListParams } from "./pagination";

const url = (q: string) => new URL(`http://x/api?${q}`);

describe("pagination", () => {
  it("parses limit and iterator with defaults and readable errors", () => {
    const any = () => true;
    expect(parseListParams(url(""), any)).toEqual({ limit: 50, order: "ascending" });
    expect(parseListParams(url("limit=10&iterator=app_2"), any)).toMatchObject({ limit: 10, after: "app_2" });
    expect(parseListParams(url("iterator=-app_2"), any)).toMatchObject({ before: "app_2" });
    expect(() => parseListParams(url("limit=0"), any)).toThrow(/limit: must be at least 1/);
    expect(() => parseListParams(url("limit=-1"), any)).toThrow(/limit: must be at least 1/);
    expect(() => parseListParams(url("limit=abc"), any)).toThrow(/limit/);
  });

  it("walks forwards and backwards over a keyset", () => {
    const all = ["a", "b", "c", "d", "e"];
    const fetch = (p: ReturnType<typeof parseListParams>) => {
      const w = keysetWhere(p);
      let rows = all.filter((r) => (!w?.gt || r > w.gt) && (!w?.lt || r < w.lt));
      if (keysetOrder(p) === "desc") rows = rows.reverse();
      return pageOf(
        rows.slice(0, p.limit + 1),
        p,
        (r) => r,
        (r) => r,
      );
    };
    const first = fetch(parseListParams(url("limit=2"), () => true));
    expect(first).toEqual({ data: ["a", "b"], iterator: "b", prevIterator: "-a", done: false });
    const second = fetch(parseListParams(url(`limit=2&iterator=${first.iterator}`), () => true));
    expect(second.data).toEqual(["c", "d"]);
    const last = fetch(parseListParams(url(`limit=2&iterator=${second.iterator}`), () => true));
    expect(last).toMatchObject({ data: ["e"], done: true });
    const back = fetch(parseListParams(url(`limit=2&iterator=${encodeURIComponent(last.prevIterator!)}`), () => true));
    expect(back.data).toEqual(["c", "d"]);
  });

  it("refuses an iterator that is not an id of the list's kind", () => {
    const id = "atmpt_01HZY3K5N7Q8R9S0T1V2W3X4Y5";
    expect(parseListParams(url(`iterator=${id}`), "attempt")).toMatchObject({ after: id });
    expect(parseListParams(url(`iterator=-${id}`), "attempt")).toMatchObject({ before: id });
    expect(() => parseListParams(url("iterator=garbage"), "attempt")).toThrow(/iterator: is not an iterator/);
    expect(() => parseListParams(url("iterator=msg_01HZY3K5N7Q8R9S0T1V2W3X4Y5"), "attempt")).toThrow(/iterator/);
    expect(() => parseListParams(url("iterator=-"), "attempt")).toThrow(/iterator/);
    const names = (edge: string) => /^[a-z.]+$/.test(edge);
    expect(parseListParams(url("iterator=user.created"), names)).toMatchObject({ after: "user.created" });
    expect(() => parseListParams(url("iterator=%00"), names)).toThrow(/iterator/);
  });
});
