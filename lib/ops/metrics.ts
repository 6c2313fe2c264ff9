import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { db } from "@/lib/db";

// Prometheus metrics of this process (GET /api/metrics). Counters and histograms count what
// this process did (Prometheus sums them over web and worker processes); the queue and
// endpoint gauges are read from the database at scrape time, so every process reports the
// same, whole-install values.

const FAILURE_WINDOW_MS = 60 * 60 * 1000;
const MAX_ENDPOINT_SERIES = 500;

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    attempts: new Counter({
      name: "pigeon_attempts_total",
      help: "Delivery attempts made by this process, by outcome and trigger",
      labelNames: ["outcome", "trigger"] as const,
      registers,
    }),
    deliveries: new Counter({
      name: "pigeon_deliveries_finished_total",
      help: "Deliveries this process finished, by outcome (succeeded, exhausted, paused by a 410)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    attemptDuration: new Histogram({
      name: "pigeon_attempt_duration_seconds",
      help: "Duration of delivery attempts made by this process, request to answer",
      labelNames: ["outcome"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
      registers,
    }),
    httpDuration: new Histogram({
      name: "pigeon_http_request_duration_seconds",
      help: "API requests served by this process, by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    queueDepth: new Gauge({
      name: "pigeon_queue_depth",
      help: "Deliveries due now: pending and due, or sending past their lease",
      registers,
      async collect() {
        this.set(await db.delivery.count({ where: { nextAttemptAt: { lte: new Date() }, status: { in: ["pending", "sending"] } } }));
      },
    }),
    oldestDue: new Gauge({
      name: "pigeon_queue_oldest_due_age_seconds",
      help: "How long the longest-waiting due delivery has been due (0 when none is)",
      registers,
      async collect() {
        const now = new Date();
        const oldest = await db.delivery.findFirst({
          where: { nextAttemptAt: { lte: now }, status: { in: ["pending", "sending"] } },
          orderBy: { nextAttemptAt: "asc" },
          select: { nextAttemptAt: true },
        });
        this.set(oldest?.nextAttemptAt ? (now.getTime() - oldest.nextAttemptAt.getTime()) / 1000 : 0);
      },
    }),
    endpointFailureRate: new Gauge({
      name: "pigeon_endpoint_failure_rate",
      help: `Share of failed attempts per endpoint over the last hour (endpoints with failures, at most ${MAX_ENDPOINT_SERIES})`,
      labelNames: ["endpoint_id"] as const,
      registers,
      async collect() {
        const rows = await db.endpointStat.groupBy({
          by: ["endpointId"],
          where: { minute: { gte: new Date(Date.now() - FAILURE_WINDOW_MS) } },
          _sum: { attempts: true, failures: true },
          having: { failures: { _sum: { gt: 0 } } },
          orderBy: { _sum: { failures: "desc" } },
          take: MAX_ENDPOINT_SERIES,
        });
        this.reset();
        for (const row of rows) {
          const attempts = row._sum.attempts ?? 0;
          if (attempts > 0) this.set({ endpoint_id: row.endpointId }, (row._sum.failures ?? 0) / attempts);
        }
      },
    }),
  };
}

const store = globalThis as unknown as { __pigeonMetrics?: ReturnType<typeof createMetrics> };

/** This process's metrics, created on first use. */
export function metrics() {
  store.__pigeonMetrics ??= createMetrics();
  return store.__pigeonMetrics;
}

/** Counts finished attempts (and the deliveries they finished). */
export function recordAttemptMetrics(
  attempts: readonly { succeeded: boolean; durationMs: number; trigger: string; finished?: "succeeded" | "exhausted" | "paused" | null }[],
) {
  const m = metrics();
  for (const a of attempts) {
    const outcome = a.succeeded ? "success" : "failure";
    m.attempts.inc({ outcome, trigger: a.trigger });
    m.attemptDuration.observe({ outcome }, a.durationMs / 1000);
    if (a.finished) m.deliveries.inc({ outcome: a.finished });
  }
}

// Path segments that name a resource; the segment after one is an id, uid or name.
const COLLECTIONS = new Set([
  "app",
  "apps",
  "endpoint",
  "endpoints",
  "msg",
  "attempt",
  "event-type",
  "background-task",
  "notices",
  "members",
  "keys",
  "api-keys",
  "invitations",
  "orgs",
  "audit",
]);
const STATIC = new Set([
  "endpoint",
  "msg",
  "secret",
  "headers",
  "rotate",
  "recover",
  "stats",
  "send-example",
  "resend",
  "read",
  "read-all",
  "message-log",
  "series",
  "attempt",
]);

/** The route pattern of an API path, ids replaced, so label values stay few. */
export function routePattern(pathname: string): string {
  const parts = pathname.split("/");
  return parts.map((part, i) => (i > 0 && COLLECTIONS.has(parts[i - 1]!) && !STATIC.has(part) ? ":id" : part)).join("/");
}

/** Observes one API request's duration. */
export function recordRequestMetrics(request: Request, status: number, seconds: number) {
  metrics().httpDuration.observe({ method: request.method, route: routePattern(new URL(request.url).pathname), status: String(status) }, seconds);
}
