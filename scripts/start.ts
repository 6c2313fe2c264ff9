// npm start — migrate the database, build if the sources changed, serve the console and
// run its delivery worker beside it. `npm run dev` does the same with the development server.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createDb } from "@/lib/db";
import { buildIfNeeded } from "./lib/build-if-needed";
import { describeDatabase, envOrExit, fail } from "./lib/cli";
import { runMigrations } from "./lib/run-migrations";

const dev = process.argv.includes("--dev");
const env = envOrExit();
const cwd = process.cwd();

try {
  const result = await runMigrations(env.DATABASE_URL);
  console.log(`✓ Database: ${describeDatabase(env.DATABASE_URL)}, ${result}`);
} catch (error) {
  fail(`Database ${describeDatabase(env.DATABASE_URL)} could not be migrated: ${(error as Error).message}`);
}

if (!dev) {
  try {
    if (buildIfNeeded(cwd)) console.log("✓ Production build ready");
  } catch (error) {
    fail((error as Error).message);
  }
}

// How to get in: the first visitor creates the owner account; later ones sign in.
const db = createDb(env.DATABASE_URL);
const firstRun = (await db.user.count()) === 0;
await db.$disconnect();
const howToLogIn = firstRun ? `First run: create the owner account at ${env.PUBLIC_URL}/signup` : `Sign in at ${env.PUBLIC_URL}/login`;

// Two processes, so a machine's cores share the work: the web server (console and API) and
// the delivery worker beside it (unless PIGEON_WORKER=false: workers run elsewhere). The web
// server's wake-ups for new work reach the worker through this process (lib/delivery/store/wake.ts).
const next = path.join(cwd, "node_modules", "next", "dist", "bin", "next");
const childEnv = { ...process.env, DATABASE_URL: env.DATABASE_URL, NEXT_TELEMETRY_DISABLED: "1" };
// `node --cpu-prof … scripts/start.ts` profiles both processes (Node refuses the flag in NODE_OPTIONS).
const profiling = process.execArgv.filter((arg) => arg.startsWith("--cpu-prof"));
const server = spawn(process.execPath, [...profiling, next, dev ? "dev" : "start", "--hostname", env.HOST, "--port", String(env.PORT)], {
  cwd,
  stdio: ["inherit", "pipe", "inherit", "ipc"],
  // The server finishes its background work (resends, recovers) before it exits (instrumentation.ts).
  env: { ...childEnv, PIGEON_WORKER: "false", PIGEON_WAKE_RELAY: env.PIGEON_WORKER ? "1" : "", NEXT_MANUAL_SIG_HANDLE: "true" },
});

let stopping = false;
let worker: ChildProcess | null = null;
// A worker that keeps dying at once is started again less and less often (1 s doubling to 30 s).
let restartDelayMs = 1_000;
function startWorker() {
  const startedAt = Date.now();
  // The worker finishes its in-flight attempts and records them before it exits (scripts/worker.ts).
  worker = spawn(process.execPath, [...profiling, "--import", "tsx", path.join(cwd, "scripts", "worker.ts")], {
    cwd,
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: childEnv,
  });
  // Errors of the IPC channel to a dying worker: its "exit" follows and starts it again.
  worker.on("error", (error) => console.error(`Delivery worker: ${error.message}`));
  worker.on("exit", (code, signal) => {
    worker = null;
    if (stopping) return maybeExit();
    // A worker that died (out of memory, killed) is started again; what it held is retried after its lease.
    if (Date.now() - startedAt > 60_000) restartDelayMs = 1_000; // it had been running: start over at 1 s
    const delay = restartDelayMs;
    restartDelayMs = Math.min(restartDelayMs * 2, 30_000);
    console.error(`Delivery worker exited (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s`);
    setTimeout(() => !stopping && startWorker(), delay);
  });
}
if (env.PIGEON_WORKER) startWorker();
server.on("message", (message) => {
  // A worker killed a moment ago may still look connected: the send then fails (EPIPE), which
  // unhandled would end npm start itself and with it the worker's restart. Its exit restarts it.
  if (message === "wake" && worker?.connected) worker.send("wake", () => {});
});

let announced = false;
server.stdout!.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready in|✓ Ready/.test(chunk.toString())) {
    announced = true;
    console.log(`\n  Pigeon is running at ${env.PUBLIC_URL}\n  ${howToLogIn}\n  Health: ${env.PUBLIC_URL}/api/health · Ready: ${env.PUBLIC_URL}/api/ready\n`);
  }
});

let exitCode = 0;
function maybeExit() {
  if (server.exitCode === null && server.signalCode === null) return;
  if (worker) return;
  process.exit(exitCode);
}
// Each process is asked to stop once: a second signal would cut short its own orderly stop.
function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  worker?.kill(signal);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));
server.on("exit", (code, signal) => {
  // The web server ended on its own: stop the worker too, and say how it ended.
  if (!stopping) exitCode = code ?? (signal ? 0 : 1);
  stop("SIGTERM");
  maybeExit();
});
