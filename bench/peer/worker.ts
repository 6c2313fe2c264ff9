// The peer's worker: a BullMQ Worker running 32 jobs at a time, each a signed POST (Standard
// Webhooks, the `standardwebhooks` package) through one keep-alive connection pool. A
// non-2xx answer or a network error throws, and BullMQ retries the job with the backoff the
// API gave it. No attempt is recorded anywhere: a log of attempts (status, timing, answer)
// for users to look at is what Pigeon keeps and this service, like most hand-written ones,
// does not. See README.md.
//
//   PEER_APPS='{"app_1":[…]}' node --import tsx bench/peer/worker.ts
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { Webhook } from "standardwebhooks";
import { Agent, request } from "undici";
import { apps, type DeliveryJob, prefix, QUEUE, redis } from "./config";

const CONCURRENCY = 32;
const TIMEOUT_MS = 15_000;

// Secrets decoded once per endpoint, not per job.
const signers = new Map([...apps.values()].flat().map((endpoint) => [endpoint.id, new Webhook(endpoint.secret)]));
// At least one connection per job in flight, kept open between jobs.
const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000, connect: { timeout: TIMEOUT_MS } });

async function deliver(job: Job<DeliveryJob>) {
  const { messageId, endpointId, url, payload } = job.data;
  const signer = signers.get(endpointId);
  if (!signer) throw new UnrecoverableError(`unknown endpoint ${endpointId}`);
  const now = new Date();
  const response = await request(url, {
    method: "POST",
    dispatcher: agent,
    headers: {
      "content-type": "application/json",
      "user-agent": "peer-webhooks/1.0",
      "webhook-id": messageId,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": signer.sign(messageId, now, payload),
    },
    body: payload,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  await response.body.dump();
  if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(`${url} answered ${response.statusCode}`);
}

// A worker's connection must retry forever (BullMQ requires it): it blocks waiting for jobs.
const worker = new Worker<DeliveryJob>(QUEUE, deliver, { connection: redis({ maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY });
worker.on("failed", (job, error) => console.error(`job ${job?.id} (${job?.data.url}) failed: ${error.message}`));

await worker.waitUntilReady();
console.log("peer worker ready");

process.once("SIGTERM", () => {
  void worker
    .close()
    .then(() => agent.close())
    .then(() => process.exit(0));
});
