// npm run bench:retention — does the retention sweep get in the way of delivery? On a fresh
// database holding an expired history (default 200,000 messages with an attempt each, 40
// days old), a worker drains a backlog of N fresh messages (default 10,000) alone, then
// while a sweep clears that history beside it in the same process, as the worker's
// housekeeping does — in turns, several rounds (default 5), since one drain takes seconds
// and a shared machine is noisy. Prints deliveries/s of every drain, what the sweep cleared,
// and the ratio of the medians; then lets the sweep clear the rest of the history alone,
// and prints its rate.
//
//   npm run bench:retention -- [--db sqlite|postgres] [--history 200000] [--messages 10000] [--rounds 5]
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freshDatabase } from "./lib/harness";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    history: { type: "string", default: "200000" },
    messages: { type: "string", default: "10000" },
    rounds: { type: "string", default: "5" },
  },
});
const kind = values.db as "sqlite" | "postgres";
const HISTORY = Number(values.history);
const MESSAGES = Number(values.messages);
const ROUNDS = Number(values.rounds);
const root = path.resolve(import.meta.dirname, "..");
const database = await freshDatabase(kind);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "pigeon-retention-"));
// The modules below read the environment once, on first use.
process.env.DATABASE_URL = database.url;
process.env.PIGEON_DATA_DIR = dataDir;
process.env.PIGEON_ALLOWED_NETWORKS = "127.0.0.0/8";
const { runMigrations } = await import("../scripts/lib/run-migrations");
await runMigrations(database.url, root);
const { db } = await import("@/lib/db");
const { newId } = await import("@/lib/ids");
const { seedApp, seedOrg } = await import("@/lib/seed/factories");
const { sealEndpointSecret } = await import("@/lib/crypto/secret-box");
const { generateEndpointSecret } = await import("@/lib/crypto/endpoint-secret");
const { insertMessage } = await import("@/lib/delivery/store/insert-message");
const { startWorker } = await import("@/lib/delivery/worker");
const { sweepExpired } = await import("@/lib/retention/sweep-expired");
const { closeSql } = await import("@/lib/sql/connection");

let received = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    received++;
    res.end("ok");
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const port = (receiver.address() as { port: number }).port;
const org = await seedOrg(db, { name: "retention" });
const app = await seedApp(db, org.id);
const endpointId = newId("endpoint");
const endpoint = await db.endpoint.create({
  data: {
    id: endpointId,
    appId: app.id,
    url: `http://127.0.0.1:${port}/hook`,
    headers: {},
    metadata: {},
    secrets: { create: sealEndpointSecret(endpointId, generateEndpointSecret()) },
  },
});

// The expired history: messages and their attempts, 40 days old, in batches.
process.stdout.write(`Seeding ${HISTORY.toLocaleString("en")} expired messages with an attempt each … `);
const body = JSON.stringify({ padding: "x".repeat(960) });
const old = Date.now() - 40 * 86_400_000;
for (let done = 0; done < HISTORY; done += 1000) {
  const n = Math.min(1000, HISTORY - done);
  const at = old + done;
  const messages = Array.from({ length: n }, (_, i) => ({
    id: newId("message", at + i),
    appId: app.id,
    eventType: "old.event",
    payload: body,
    payloadSize: body.length,
    createdAt: new Date(at + i),
  }));
  const deliveries = messages.map((m) => ({
    id: newId("delivery", m.createdAt.getTime()),
    messageId: m.id,
    endpointId: endpoint.id,
    appId: app.id,
    status: "succeeded" as const,
    attempts: 1,
    createdAt: m.createdAt,
  }));
  const attempts = deliveries.map((d) => ({
    id: newId("attempt", d.createdAt.getTime()),
    deliveryId: d.id,
    messageId: d.messageId,
    endpointId: endpoint.id,
    appId: app.id,
    number: 1,
    trigger: "scheduled" as const,
    succeeded: true,
    url: endpoint.url,
    requestHeaders: {},
    responseStatus: 200,
    responseHeaders: { "content-type": "text/plain" },
    responseBody: "ok ".repeat(100),
    durationMs: 5,
    createdAt: d.createdAt,
  }));
  await db.message.createMany({ data: messages });
  await db.delivery.createMany({ data: deliveries });
  await db.attempt.createMany({ data: attempts });
}
// PostgreSQL's autovacuum analyzes a table after a load like this one, within a minute or
// so; without statistics the planner takes the sweep's batch for a few rows and reads the
// whole remaining range (40 ms a batch instead of 10). Do it now rather than wait.
if (kind === "postgres") await db.$executeRawUnsafe('ANALYZE "Message", "Attempt"');
console.log("done");

async function drain(label: string, withSweep: boolean) {
  const payload = JSON.stringify({ type: "bench", data: { padding: "x".repeat(960) } });
  for (let i = 0; i < MESSAGES; i++)
    await insertMessage({
      orgId: org.id,
      appRef: app.id,
      eventType: "bench.e",
      eventId: null,
      payload,
      payloadSize: payload.length,
      channels: null,
      tags: null,
    });
  received = 0;
  const controller = new AbortController();
  const started = performance.now();
  const sweep = withSweep ? sweepExpired({ signal: controller.signal }) : Promise.resolve({ messages: 0, attempts: 0, idempotencyRecords: 0 });
  const worker = startWorker({ signal: controller.signal });
  while (received < MESSAGES) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - started) / 1000;
  const sweptDuring = withSweep ? await Promise.race([sweep, new Promise<null>((r) => setTimeout(() => r(null), 0))]) : null;
  controller.abort();
  await worker;
  const cleared = await sweep;
  console.log(
    `• ${label}: ${(MESSAGES / seconds).toFixed(0)} deliveries/s${withSweep ? `; the sweep ${sweptDuring ? "finished within the drain" : "was still running at the end"}, clearing ${cleared.messages.toLocaleString("en")} payloads and ${cleared.attempts.toLocaleString("en")} attempt bodies meanwhile` : ""}`,
  );
  return MESSAGES / seconds;
}

console.log(`${kind}, ${MESSAGES.toLocaleString("en")} fresh messages per drain, 1 endpoint, worker concurrency 32`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const alone: number[] = [];
const during: number[] = [];
// In turns, the order swapped every round, so neither kind always follows the other.
for (let round = 1; round <= ROUNDS; round++) {
  const order = round % 2 === 1 ? [false, true] : [true, false];
  for (const withSweep of order) (withSweep ? during : alone).push(await drain(`round ${round}, drain ${withSweep ? "during a sweep" : "alone"}`, withSweep));
}
console.log(
  `\nDelivery throughput during the sweep: ${((median(during) / median(alone)) * 100).toFixed(0)} % of without (medians of ${ROUNDS}: ${median(during).toFixed(0)} vs ${median(alone).toFixed(0)} deliveries/s)`,
);
// The rest of the history with nothing else running: how fast the sweep goes when it has the database.
const restStarted = performance.now();
const rest = await sweepExpired();
const restSeconds = (performance.now() - restStarted) / 1000;
console.log(
  `The sweep alone then cleared the remaining ${rest.messages.toLocaleString("en")} payloads and ${rest.attempts.toLocaleString("en")} attempt bodies in ${restSeconds.toFixed(1)} s (${((rest.messages + rest.attempts) / restSeconds).toFixed(0)} rows/s)`,
);
receiver.close();
await closeSql();
await db.$disconnect();
await database.drop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
