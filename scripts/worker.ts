import { startWorker } from "@/lib/delivery/worker";
import { describeDatabase, envOrExit } from "./lib/cli";

// A delivery worker on its own (run with PIGEON_WORKER=false on the web servers):
// a JSON summary line per second of work; SIGTERM or SIGINT finishes the attempts in flight, then exits.

const env = envOrExit();
const controller = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    console.log(JSON.stringify({ level: "info", msg: "worker stopping", signal }));
    controller.abort();
  });
}
console.log(JSON.stringify({ level: "info", msg: "worker started", database: describeDatabase(env.DATABASE_URL), concurrency: env.PIGEON_WORKER_CONCURRENCY }));
await startWorker({
  signal: controller.signal,
  onBatch: (summary) => console.log(JSON.stringify({ level: "info", msg: "batch", ...summary })),
});
const { db } = await import("@/lib/db");
await db.$disconnect();
console.log(JSON.stringify({ level: "info", msg: "worker stopped" }));
process.exit(0);
