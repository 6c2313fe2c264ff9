import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { until } from "./wait";

// The one webhook receiver of the tests: a real HTTP server on this machine that keeps
// every request and answers each path by its rule.

/** A request as the receiver got it. */
export interface Received {
  method: string;
  /** The request target as sent (path and query). */
  path: string;
  headers: Record<string, string>;
  body: string;
  /** When it arrived, and when it was answered (unset while it is in flight). */
  at: number;
  answeredAt?: number;
}

export interface Answer {
  /** 200 unless given. */
  status?: number;
  headers?: Record<string, string>;
  /** "ok" unless given. */
  body?: string;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

/** A fixed answer, or one chosen per request: `n` counts the requests to its path, from 1. */
export type Rule = Answer | ((request: Received, n: number) => Answer);

export interface Receiver {
  port: number;
  /** Every request so far, in the order they were read. */
  received: Received[];
  /** The address of `path` on this receiver. */
  url(path?: string): string;
  /** The requests to `path`. */
  requests(path: string): Received[];
  /** How to answer `path` from now on; "*" is every path without a rule of its own. */
  answer(path: string, rule: Rule): void;
  /** Waits for a request that `match` accepts, and returns it. */
  waitFor(match: (request: Received) => boolean, what?: string): Promise<Received>;
  /** Waits for message `msgId` (its webhook-id), at `path` when given. */
  arrival(msgId: string, path?: string): Promise<Received>;
  /** Forgets every request so far (the rules stay). */
  reset(): void;
  /** Stops listening and closes every connection, answered or not. */
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 that answers `fallback` where no other rule applies. */
export async function startReceiver(fallback: Rule = {}): Promise<Receiver> {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const rules = new Map<string, Rule>([["*", fallback]]);
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const request: Received = {
        method: req.method ?? "GET",
        path,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString("utf8"),
        at,
      };
      received.push(request);
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const rule = rules.get(path) ?? rules.get("*")!;
      const { status = 200, headers = {}, body = "ok", delayMs = 0 } = typeof rule === "function" ? rule(request, n) : rule;
      const send = () => {
        request.answeredAt = Date.now();
        res.statusCode = status;
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        res.end(body);
      };
      if (delayMs <= 0) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, delayMs);
      timers.add(timer);
    });
  });
  // Longer than the sender keeps an idle connection, so the receiver never closes one just
  // as the sender reuses it (which would fail that attempt).
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const receiver: Receiver = {
    port,
    received,
    url: (path = "/") => `http://127.0.0.1:${port}${path}`,
    requests: (path) => received.filter((r) => r.path === path),
    answer: (path, rule) => void rules.set(path, rule),
    waitFor: (match, what = "a matching request") => until(() => received.find(match), what),
    arrival: (msgId, path) =>
      receiver.waitFor((r) => r.headers["webhook-id"] === msgId && (path === undefined || r.path === path), `message ${msgId}${path ? ` at ${path}` : ""}`),
    reset() {
      received.length = 0;
      counts.clear();
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return receiver;
}
