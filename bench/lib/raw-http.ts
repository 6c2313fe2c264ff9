// The machine's ceiling: the same POST a worker sends (1 kB body, signature-sized headers),
// from a Node process, through an undici keep-alive pool with the worker's concurrency, to
// the same receiver — no database. Prints one JSON line.
import { parseArgs } from "node:util";
import { Pool } from "undici";

const { values } = parseArgs({ options: { url: { type: "string" }, requests: { type: "string" }, concurrency: { type: "string" } } });
const url = new URL(values.url!);
const total = Number(values.requests ?? 20_000);
const concurrency = Number(values.concurrency ?? 32);
const body = JSON.stringify({ type: "bench.raw", data: { padding: "x".repeat(980) } });
const headers = {
  "content-type": "application/json",
  "user-agent": "Pigeon-Webhooks/1.0",
  "webhook-id": "msg_raw",
  "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
  "webhook-signature": "v1," + "A".repeat(44),
};
const pool = new Pool(url.origin, { connections: concurrency, keepAliveTimeout: 60_000 });

// Warm the connections, then measure.
await Promise.all(Array.from({ length: concurrency }, () => pool.request({ method: "POST", path: url.pathname, headers, body }).then((r) => r.body.dump())));
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next++ < total) {
      const response = await pool.request({ method: "POST", path: url.pathname, headers, body });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`receiver answered ${response.statusCode}`);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
await pool.close();
console.log(JSON.stringify({ requests: total, concurrency, seconds, perSecond: total / seconds }));
