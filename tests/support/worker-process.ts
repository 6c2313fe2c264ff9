import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { until } from "./wait";

const root = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Attempts the worker reported in its summary lines, and everything it printed. */
  stats: { attempted: number; output: string };
}

/**
 * Starts a standalone worker (`npm run worker`'s script) with the given environment; with
 * `clockSkewMs`, its clock runs that far ahead of the machine's (and the database's).
 */
export function startWorkerProcess(env: Record<string, string>, options: { clockSkewMs?: number } = {}): WorkerProcess {
  const skewed = options.clockSkewMs ? ["--import", "./tests/support/skewed-clock.mjs"] : [];
  const child = spawn(process.execPath, ["--import", "tsx", ...skewed, "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, ...env, PIGEON_TEST_CLOCK_SKEW_MS: String(options.clockSkewMs ?? 0) } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stats = { attempted: 0, output: "" };
  child.stdout!.on("data", (chunk: Buffer) => {
    stats.output += chunk;
    for (const line of chunk.toString().split("\n")) {
      if (line.includes('"msg":"batch"')) stats.attempted += JSON.parse(line).attempted;
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (stats.output += chunk));
  return { child, stats };
}

/** Waits until the worker says it has started (its engine runs a moment later). */
export async function workerStarted(worker: WorkerProcess): Promise<void> {
  await until(() => worker.stats.output.includes('"msg":"worker started"') || worker.child.exitCode !== null, "the worker to start", 60_000);
  if (worker.child.exitCode !== null) throw new Error(`worker exited early:\n${worker.stats.output}`);
}
