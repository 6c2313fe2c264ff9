import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fail } from "@/scripts/lib/cli";

// The throwaway database shared by bench/seed-logs.ts and bench/log-queries.ts.

export type BenchProvider = "sqlite" | "postgres";

export const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const POSTGRES_DATABASE = "pigeon_bench_logs";

export function sqliteFile(): string {
  return path.join(os.tmpdir(), "pigeon-bench-logs", "logs.db");
}

export function benchUrl(provider: BenchProvider): string {
  if (provider === "sqlite") return `file:${sqliteFile()}`;
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${POSTGRES_DATABASE}`;
  return url.toString();
}

export function benchArgs(extra: Record<string, { type: "string" }> = {}) {
  const { values } = parseArgs({ options: { db: { type: "string", default: "sqlite" }, ...extra }, allowPositionals: false });
  const provider = values.db;
  if (provider !== "sqlite" && provider !== "postgres") fail('--db must be "sqlite" or "postgres"');
  return { provider: provider as BenchProvider, values: values as Record<string, string | undefined> };
}
