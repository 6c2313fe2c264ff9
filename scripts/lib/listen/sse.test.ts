import { describe, expect, it } from "vitest";
import { SseParser } from "./sse";

const parseAll = (pieces: string[]) => {
  const parser = new SseParser();
  return { events: pieces.flatMap((piece) => parser.push(piece)), parser };
};

describe("SseParser", () => {
  it("reads the server's events: id, event type, data, and skips comments", () => {
    const { events, parser } = parseAll([`retry: 2000\n: stream of ep_1\n\nid: msg_1\nevent: message\ndata: {"a":1}\n\n: heartbeat\n\n`]);
    expect(events).toEqual([{ id: "msg_1", event: "message", data: `{"a":1}` }]);
    expect(parser.retryMs).toBe(2000);
  });

  it("joins several data lines with a line feed and drops one space after the colon only", () => {
    const { events } = parseAll(["data:first\ndata:  second\ndata\n\n"]);
    expect(events).toEqual([{ id: "", event: "message", data: "first\n second\n" }]);
  });

  it("accepts CRLF and CR line ends, also when a CRLF is split between two pieces", () => {
    const { events } = parseAll(["id: a\r", "\ndata: 1\r\r", "id: b\rdata: 2\r", "\n\r\n"]);
    expect(events).toEqual([
      { id: "a", event: "message", data: "1" },
      { id: "b", event: "message", data: "2" },
    ]);
  });

  it("completes an event split anywhere, even inside a field name", () => {
    const stream = `id: msg_1\nevent: message\ndata: {"x":"é"}\n\nid: msg_2\ndata: 2\n\n`;
    for (let cut = 1; cut < stream.length; cut++) {
      expect(parseAll([stream.slice(0, cut), stream.slice(cut)]).events.map((e) => [e.id, e.data])).toEqual([
        ["msg_1", `{"x":"é"}`],
        ["msg_2", "2"],
      ]);
    }
  });

  it("keeps the last id for later events without one, and dispatches nothing for an event without data", () => {
    const { events } = parseAll(["id: msg_1\ndata: a\n\nevent: ping\n\ndata: b\n\n"]);
    expect(events).toEqual([
      { id: "msg_1", event: "message", data: "a" },
      { id: "msg_1", event: "message", data: "b" },
    ]);
  });

  it("holds back a line until it ends", () => {
    const parser = new SseParser();
    expect(parser.push("data: incompl")).toEqual([]);
    expect(parser.push("ete\n")).toEqual([]);
    expect(parser.push("\n")).toEqual([{ id: "", event: "message", data: "incomplete" }]);
  });
});
