import { EnvError, parseEnv, type Env } from "@/lib/env";

/** The validated environment, or a one-line error naming the bad variable and exit 1. */
export function envOrExit(): Env {
  try {
    return parseEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(`Invalid environment: ${error.message}`);
    throw error;
  }
}

export function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

export function describeDatabase(url: string): string {
  if (url.startsWith("file:")) return `SQLite (${url.slice(5)})`;
  const parsed = new URL(url);
  return `PostgreSQL (${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname})`;
}
