// A Server-Sent Events parser, as the HTML standard interprets an event stream: lines end in
// CRLF, LF or CR (a CRLF may be split across chunks); a blank line dispatches the event;
// lines starting with ":" are comments (the server's heartbeats); several `data` lines join
// with "\n"; the last `id` seen stays the stream's id until another replaces it. The text
// comes from a TextDecoder, which already drops a leading byte order mark.

export interface SseEvent {
  /** The stream's last event id when this event was dispatched ("" when none was sent). */
  id: string;
  /** "message" unless the event named another type. */
  event: string;
  data: string;
}

export class SseParser {
  /** The reconnection delay the server asked for with `retry:`, if it did. */
  retryMs: number | undefined;
  private partial = "";
  private skipLineFeed = false;
  private data: string[] = [];
  private event = "";
  private lastId = "";

  /** Takes the next piece of the stream and returns the events it completed. */
  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    const input = this.partial + text;
    let start = 0;
    // The previous piece ended in CR; an LF opening this one belongs to the same line end.
    if (this.skipLineFeed && input.startsWith("\n")) start = 1;
    this.skipLineFeed = false;
    const ends = /\r\n|\r|\n/g;
    ends.lastIndex = start;
    for (let end = ends.exec(input); end; end = ends.exec(input)) {
      this.line(input.slice(start, end.index), events);
      start = end.index + end[0].length;
      if (end[0] === "\r" && start === input.length) this.skipLineFeed = true;
    }
    this.partial = input.slice(start);
    return events;
  }

  private line(line: string, events: SseEvent[]) {
    if (line === "") return this.dispatch(events);
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
    else if (field === "id" && !value.includes("\0")) this.lastId = value;
    else if (field === "retry" && /^\d+$/.test(value)) this.retryMs = Number(value);
  }

  private dispatch(events: SseEvent[]) {
    if (this.data.length > 0) events.push({ id: this.lastId, event: this.event || "message", data: this.data.join("\n") });
    this.data = [];
    this.event = "";
  }
}
