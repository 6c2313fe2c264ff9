export { envOrExit } from "@/lib/env";

export function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

export function describeDatabase(url: string): string {
  if (url.startsWith("file:")) return `SQLite (${url.slice(5)})`;
  const parsed = new URL(url);
  return `PostgreSQL (${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname})`;
}
