// A fast webhook receiver for the benchmark, run as its own process (so it does not share
// the event loop of what it measures). It answers 200 to every POST and remembers, per
// webhook-id, when the first copy arrived. The parent talks to it over IPC.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceiverRequest = { type: "reset"; delayMs?: number } | { type: "report"; ids?: boolean };
export interface ReceiverReport {
  type: "report";
  received: number;
  unique: number;
  firstAt: number | null;
  lastAt: number | null;
  /** Requests for a delivery that arrived while another request for it was still open: a concurrent double attempt. */
  overlaps: number;
  /** webhook-id → wall-clock ms (fractional) of its first receipt; only when asked. */
  arrivals?: Record<string, number>;
  /** Messages carried by the first copy of each POST to a /batch… path (a JSON array each). */
  carried: number;
}

const now = () => performance.timeOrigin + performance.now();
let arrivals = new Map<string, number>();
let received = 0;
let firstAt: number | null = null;
let lastAt: number | null = null;
let overlaps = 0;
let carried = 0;
const open = new Map<string, number>();
// How long each answer takes, as a distant endpoint's would (set by "reset").
let delayMs = 0;

const server = createServer((req, res) => {
  const id = req.headers["webhook-id"];
  // The message id plus the endpoint path: one entry per delivery.
  const key = `${typeof id === "string" ? id : "?"} ${req.url}`;
  if (open.has(key)) overlaps++;
  open.set(key, (open.get(key) ?? 0) + 1);
  res.on("close", () => {
    const left = open.get(key)! - 1;
    if (left > 0) open.set(key, left);
    else open.delete(key);
  });
  // A batching endpoint's POST carries several messages: only those bodies are read.
  const batch = req.url?.startsWith("/batch") ?? false;
  const chunks: Buffer[] = [];
  if (batch) req.on("data", (chunk: Buffer) => chunks.push(chunk));
  else req.resume();
  req.on("end", () => {
    const at = now();
    received++;
    firstAt ??= at;
    lastAt = at;
    if (!arrivals.has(key)) {
      arrivals.set(key, at);
      if (batch) carried += (JSON.parse(Buffer.concat(chunks).toString()) as unknown[]).length;
    }
    const answer = () => {
      res.writeHead(200, { "content-type": "text/plain", "content-length": "2" });
      res.end("ok");
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send!({ type: "listening", port: (server.address() as AddressInfo).port }));

process.on("message", (message: ReceiverRequest) => {
  if (message.type === "reset") {
    arrivals = new Map();
    received = 0;
    firstAt = lastAt = null;
    overlaps = 0;
    carried = 0;
    delayMs = message.delayMs ?? 0;
    process.send!({ type: "reset" });
  } else if (message.type === "report") {
    const report: ReceiverReport = { type: "report", received, unique: arrivals.size, firstAt, lastAt, overlaps, carried };
    if (message.ids) report.arrivals = Object.fromEntries(arrivals);
    process.send!(report);
  }
});
process.on("disconnect", () => process.exit(0));
