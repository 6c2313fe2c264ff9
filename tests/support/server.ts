import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { until } from "./wait";

const root = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the production build with the given environment and waits until it answers:
 * `next start`, with `standaloneDir` the traced server (`server.js`) the container runs, or
 * with `npmStart` what `npm start` runs (the web server and its worker beside it).
 */
export async function startServer(
  env: Record<string, string>,
  options: { execArgv?: string[]; standaloneDir?: string; npmStart?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const entry = options.standaloneDir
    ? ["server.js"]
    : options.npmStart
      ? ["--import", "tsx", path.join(root, "scripts/start.ts")]
      : [path.join(root, "node_modules/next/dist/bin/next"), "start", "--port", String(port)];
  const child = spawn(process.execPath, [...(options.execArgv ?? []), ...entry], {
    cwd: options.standaloneDir ?? root,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const up = async () => {
    if (child.exitCode !== null) throw new Error("server exited early");
    return fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
  };
  await until(up, "the server to start", 60_000).catch((error: Error) => {
    child.kill();
    throw new Error(`${error.message}:\n${output}`);
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
