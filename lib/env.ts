import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { decodeEncryptionKey, KEY_FILE } from "./crypto/encryption";
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from "./delivery/retry-schedule";

// Every environment variable Pigeon reads, validated once. Defaults work on a laptop;
// docs/deploy.md and the README list them for production.

const bool = z.enum(["true", "false", "1", "0", "on", "off", "yes", "no"]).transform((v) => ["true", "1", "on", "yes"].includes(v));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(file:.+|postgres(ql)?:\/\/.+)$/.test(v), {
      message: 'must be "file:<path>" (SQLite) or "postgresql://…" (PostgreSQL)',
    })
    .optional(),
  PORT: z.coerce
    .number({ message: "must be a port number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  // The address `npm start` listens on: this machine only unless set (0.0.0.0: every interface).
  HOST: z.string().min(1).max(255).default("127.0.0.1"),
  PIGEON_DATA_DIR: z.string().min(1).default("data"),
  PUBLIC_URL: z.url({ message: "must be an absolute URL such as https://pigeon.example.com" }).optional(),
  // Auth.js's own setting; the public URL when PUBLIC_URL is not set.
  NEXTAUTH_URL: z.url({ message: "must be an absolute URL such as https://pigeon.example.com" }).optional(),
  // How many reverse proxies in front of Pigeon append to X-Forwarded-For: 0 = none, the
  // connection's own address is the client's (login and sign-up limits, audit log).
  PIGEON_TRUSTED_PROXIES: z.coerce
    .number({ message: "must be a number of proxy hops" })
    .int("must be a whole number")
    .min(0, "must be 0 (no proxy) or more")
    .max(10, "must be at most 10")
    .default(0),
  // The largest request body of console, auth and resource routes (message routes use the organization's payload limit).
  PIGEON_MAX_BODY_BYTES: z.coerce
    .number({ message: "must be a number of bytes" })
    .int("must be a whole number")
    .min(1024, "must be at least 1024")
    .max(16 * 1024 * 1024, "must be at most 16777216 (16 MiB)")
    .default(64 * 1024),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PIGEON_WORKER: bool.default(true),
  // Login and team
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. openssl rand -base64 32)").optional(),
  ALLOW_SIGNUP: bool.default(true),
  PIGEON_SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(10),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  GOOGLE_ID: z.string().optional(),
  GOOGLE_SECRET: z.string().optional(),
  // Email (notices, invitations); nothing is sent while SMTP_URL is unset.
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/.+/.test(v), { message: 'must look like "smtp://user:pass@host:587"' })
    .optional(),
  SMTP_FROM: z.string().default("Pigeon <pigeon@localhost>"),
  // Endpoints and secrets
  PIGEON_ENCRYPTION_KEY: z.string().optional(),
  PIGEON_ALLOWED_NETWORKS: z.string().optional(),
  PIGEON_HTTPS_ONLY: bool.default(false),
  PIGEON_SECRET_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(24 * 3600),
  // Delivery
  PIGEON_RETRY_SCHEDULE: z
    .string()
    .transform((value, ctx) => {
      try {
        return parseRetrySchedule(value);
      } catch {
        ctx.addIssue({ code: "custom", message: 'must be comma-separated delays in whole seconds such as "5,300,1800", or a preset name' });
        return z.NEVER;
      }
    })
    .default([...DEFAULT_RETRY_SCHEDULE]),
  PIGEON_ATTEMPT_TIMEOUT_MS: z.coerce
    .number({ message: "must be a number of milliseconds" })
    .int("must be a whole number")
    .min(100, "must be at least 100")
    .max(300_000, "must be at most 300000")
    .default(15_000),
  PIGEON_WORKER_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  // Retention: message payloads and attempt bodies expire after this many days (organizations may set their own).
  PIGEON_RETENTION_DAYS: z.coerce
    .number({ message: "must be a number of days" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(3650, "must be at most 3650")
    .default(30),
  PIGEON_RETENTION_SWEEP_SECONDS: z.coerce
    .number({ message: "must be a number of seconds" })
    .int("must be a whole number")
    .min(60, "must be at least 60")
    .max(86_400, "must be at most 86400")
    .default(600),
  // Per-organization limits; the operator may set other values per organization (npm run pigeon -- org limits).
  PIGEON_API_RATE_LIMIT: z.coerce
    .number({ message: "must be a number of requests per second" })
    .int("must be a whole number")
    .min(0, "must be 0 (no limit) or more")
    .max(1_000_000, "must be at most 1000000")
    .default(1000),
  PIGEON_MAX_PAYLOAD_BYTES: z.coerce
    .number({ message: "must be a number of bytes" })
    .int("must be a whole number")
    .min(1024, "must be at least 1024")
    .max(16 * 1024 * 1024, "must be at most 16777216 (16 MiB)")
    .default(1024 * 1024),
  // The largest body of a message batch (POST …/msg/batch): all its payloads together.
  PIGEON_MAX_BATCH_BYTES: z.coerce
    .number({ message: "must be a number of bytes" })
    .int("must be a whole number")
    .min(64 * 1024, "must be at least 65536")
    .max(64 * 1024 * 1024, "must be at most 67108864 (64 MiB)")
    .default(8 * 1024 * 1024),
  // Operations: GET /api/metrics answers only with this bearer token.
  PIGEON_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  PIGEON_WORKER_CONCURRENCY: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(1000, "must be at most 1000")
    .default(64),
  // How a worker shares its slots (lib/delivery/fair-share.ts): attempts in flight at once
  // per endpoint (an endpoint's maxInFlight overrides it) and per organization (default:
  // three quarters of PIGEON_WORKER_CONCURRENCY, so other tenants always keep a quarter).
  PIGEON_ENDPOINT_MAX_IN_FLIGHT: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(1000, "must be at most 1000")
    .default(8),
  // A batching endpoint's POST carries about this much payload at most (lib/delivery/store/batches.ts).
  PIGEON_BATCH_MAX_BYTES: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1024, "must be at least 1024")
    .default(4 * 1024 * 1024),
  // Live streams (SSE and WebSocket) one polling endpoint may have open at once, per web process.
  PIGEON_MAX_STREAMS_PER_ENDPOINT: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(10_000, "must be at most 10000")
    .default(16),
  PIGEON_ORG_MAX_IN_FLIGHT: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").optional(),
  // Endpoint health: the install-wide disable rule (organizations and applications may override it)
  PIGEON_DISABLE_WINDOW_SECONDS: z.coerce
    .number({ message: "must be a number of seconds" })
    .int("must be a whole number")
    .min(60, "must be at least 60")
    .max(30 * 24 * 3600, "must be at most 30 days")
    .default(24 * 3600),
  PIGEON_DISABLE_MIN_ATTEMPTS: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(100_000, "must be at most 100000")
    .default(20),
  PIGEON_DISABLE_FAILURE_RATE: z.coerce
    .number({ message: "must be a number between 0.5 and 1" })
    .min(0.5, "must be between 0.5 and 1")
    .max(1, "must be between 0.5 and 1")
    .default(0.95),
  PIGEON_DISABLE_MIN_DURATION_SECONDS: z.coerce
    .number({ message: "must be a number of seconds" })
    .int("must be a whole number")
    .min(0, "must be 0 (at once) or more")
    .max(30 * 24 * 3600, "must be at most 30 days")
    .default(3600),
  PIGEON_FAILING_RATE: z.coerce
    .number({ message: "must be a number between 0 and 1" })
    .min(0.01, "must be between 0.01 and 1")
    .max(1, "must be between 0.01 and 1")
    .default(0.5),
  PIGEON_LEASE_SECONDS: z.coerce
    .number({ message: "must be a number of seconds" })
    .int("must be a whole number")
    .min(5, "must be at least 5")
    .max(3600, "must be at most 3600")
    .default(60),
});

export type Env = z.infer<typeof schema> & { DATABASE_URL: string; PUBLIC_URL: string };

/** How to reach an address `npm start` listens on from this machine (every interface: localhost). */
const listensOn = (host: string) => (host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host);

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Treat empty strings as unset, the way shells and .env files usually mean them.
  const input = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0]);
    const got = source[name];
    throw new EnvError(`${name} ${issue.message}${got === undefined ? "" : ` (got "${got}")`}`);
  }
  const env = result.data;
  const dataDir = path.resolve(env.PIGEON_DATA_DIR);
  const parsed = {
    ...env,
    PIGEON_DATA_DIR: dataDir,
    DATABASE_URL: env.DATABASE_URL ?? `file:${path.join(dataDir, "pigeon.db")}`,
    // Links and printed addresses: PUBLIC_URL, else NEXTAUTH_URL, else where `npm start` listens.
    PUBLIC_URL: (env.PUBLIC_URL ?? env.NEXTAUTH_URL ?? `http://${listensOn(env.HOST)}:${env.PORT}`).replace(/\/$/, ""),
  };
  checkLease(parsed, input);
  checkEncryptionKey(parsed);
  return parsed;
}

// ── The lease must outlast one attempt ───────────────────────────────────────────────────
// A claimed delivery is another worker's to take once its lease runs out. A lease shorter
// than one attempt plus the time to claim and record it would have the delivery sent again
// while its attempt is still in flight, and that attempt's outcome discarded — forever, for
// an endpoint that answers slowly. A running worker also keeps the leases of its attempts in
// flight (lib/delivery/keep-leases.ts); this is the bound when it cannot.

const LEASE_MARGIN_SECONDS = 5;

function checkLease(env: Env, source: Record<string, string | undefined>): void {
  const least = Math.ceil(env.PIGEON_ATTEMPT_TIMEOUT_MS / 1000) + LEASE_MARGIN_SECONDS;
  if (env.PIGEON_LEASE_SECONDS >= least) return;
  const got = source.PIGEON_LEASE_SECONDS === undefined ? "" : ` (got "${source.PIGEON_LEASE_SECONDS}")`;
  throw new EnvError(
    `PIGEON_LEASE_SECONDS must be at least ${least} with PIGEON_ATTEMPT_TIMEOUT_MS=${env.PIGEON_ATTEMPT_TIMEOUT_MS}: ` +
      `one attempt plus ${LEASE_MARGIN_SECONDS} seconds to claim and record it; raise the lease or lower the timeout${got}`,
  );
}

let cached: Env | undefined;

/** The validated environment; throws an EnvError naming the first bad variable. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

export function databaseProvider(url: string): "sqlite" | "postgres" {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}

// ── The encryption key, checked at start-up ──────────────────────────────────────────────
// Endpoint secrets and custom headers are encrypted with PIGEON_ENCRYPTION_KEY or, while it
// is unset, with a key generated into the data folder. That suits one machine (SQLite, the
// default); processes on several machines (PostgreSQL) would each make a key of their own.

const KEY_HELP = "generate one with `openssl rand -base64 32`";

function checkEncryptionKey(env: Env): void {
  const key = env.PIGEON_ENCRYPTION_KEY?.trim();
  if (key !== undefined && !decodeEncryptionKey(key)) {
    throw new EnvError(`PIGEON_ENCRYPTION_KEY must be 32 bytes written as base64 (44 characters) or hex (64 characters); ${KEY_HELP}`);
  }
  if (key === undefined && env.NODE_ENV === "production" && databaseProvider(env.DATABASE_URL) === "postgres") {
    const file = keyFile(env);
    const used = existsSync(file) ? `, or set it to the content of ${file}, the key this machine has used so far` : "";
    throw new EnvError(`PIGEON_ENCRYPTION_KEY must be set in production with PostgreSQL, the same in every web and worker process: ${KEY_HELP}${used}`);
  }
}

const keyFile = (env: Env) => path.join(env.PIGEON_DATA_DIR, KEY_FILE);

/**
 * The environment of a process that serves or delivers, as it starts: a bad variable
 * ends it with one line naming the variable; a production install encrypting with the
 * data folder's key file is told, once, to keep that file.
 */
export function startupEnv(): Env {
  const checked = envOrExit();
  if (checked.NODE_ENV === "production" && !checked.PIGEON_ENCRYPTION_KEY) {
    console.warn(
      `⚠ PIGEON_ENCRYPTION_KEY is not set: endpoint secrets and custom headers are encrypted with the key in ${keyFile(checked)}. ` +
        "Back it up with the database: if it is lost, every stored secret is lost with it. Set PIGEON_ENCRYPTION_KEY to its content to stop this warning.",
    );
  }
  return checked;
}

/** The validated environment, or a one-line error naming the bad variable and exit 1. */
export function envOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`✖ Invalid environment: ${error.message}`);
    process.exit(1);
  }
}
