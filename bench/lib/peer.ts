// The peer (bench/peer: BullMQ + Redis) as a target of `npm run bench`: Redis made ready,
// the API and the worker started as their own processes under a key prefix of their own,
// and every key under that prefix removed when the target stops (Redis may serve others).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Redis } from "ioredis";
import type { Endpoint } from "../peer/config";
import { type Receiver, stopChild } from "./harness";
import { MemoryWatch } from "./memory-watch";
import { apiPool, type Target } from "./target";

export const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
// How development and CI machines start Redis when it is down: loopback only, nothing persisted.
const REDIS_START = ["--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "", "--appendonly", "no"];
const root = path.resolve(import.meta.dirname, "../..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RedisServer {
  version: string;
  /** Its process, when it runs on this machine (its memory is then watched with the peer's). */
  pid: number | null;
}

async function redisServer(): Promise<RedisServer | null> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on("error", () => {}); // connect() rejects with it
  try {
    await client.connect();
    const info = await client.info("server");
    const local = ["127.0.0.1", "localhost", "[::1]"].includes(new URL(redisUrl).hostname);
    return { version: /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown", pid: local ? Number(/process_id:(\d+)/.exec(info)?.[1]) : null };
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

/** Redis on BENCH_REDIS_URL, started first if it does not answer; null when it cannot be had. */
export async function ensureRedis(): Promise<RedisServer | null> {
  const running = await redisServer();
  if (running) return running;
  try {
    execFileSync("redis-server", REDIS_START, { stdio: "ignore" });
  } catch {
    return null;
  }
  for (let i = 0; i < 50; i++) {
    const started = await redisServer();
    if (started) return started;
    await sleep(100);
  }
  return null;
}

/** Starts one of bench/peer's processes and waits for the line it prints once ready. */
async function startProcess(file: string, env: Record<string, string>, execArgv: string[]): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [...execArgv, "--import", "tsx", path.join(root, "bench/peer", file)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let output = "";
    const read = (chunk: Buffer) => {
      output += chunk;
      if (!output.includes("\n")) return;
      child.stdout!.off("data", read).resume();
      resolve(output.slice(0, output.indexOf("\n")));
    };
    child.stdout!.on("data", read);
    child.once("exit", (code) => reject(new Error(`bench/peer/${file} exited (${code}) before it was ready`)));
  });
  return { child, line };
}

async function removeKeys(prefix: string) {
  const client = new Redis(redisUrl);
  try {
    for await (const keys of client.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length) await client.unlink(...keys);
    }
  } finally {
    client.disconnect();
  }
}

export interface PeerSetting {
  receiver: Receiver;
  redis: RedisServer;
  /** Concurrent API clients: the API pool has a connection for each. */
  clients: number;
  execArgv: string[];
}

/** The peer with one app of `fanout` endpoints on the receiver; `held`, its worker starts on release(). */
export async function launchPeer(setting: PeerSetting, fanout: number, { held = false }: { held?: boolean }): Promise<Target> {
  const prefix = `pigeon-bench-peer-${randomBytes(6).toString("hex")}`;
  const key = randomBytes(24).toString("base64url");
  const appId = "app_bench";
  const endpoints: Endpoint[] = Array.from({ length: fanout }, (_, i) => ({
    id: `ep_${i}`,
    url: `http://127.0.0.1:${setting.receiver.port}/endpoint-${i}`,
    secret: `whsec_${randomBytes(24).toString("base64")}`,
  }));
  const env = { PEER_REDIS_URL: redisUrl, PEER_PREFIX: prefix, PEER_API_KEY: key, PEER_APPS: JSON.stringify({ [appId]: endpoints }), PORT: "0" };
  const api = await startProcess("api.ts", env, setting.execArgv);
  let worker: ChildProcess | null = null;
  const startWorker = async () => {
    worker = (await startProcess("worker.ts", env, setting.execArgv)).child;
  };
  const watched = () => [
    { label: "api", pid: api.child.pid! },
    ...(worker?.pid ? [{ label: "worker", pid: worker.pid }] : []),
    ...(setting.redis.pid ? [{ label: "redis", pid: setting.redis.pid }] : []),
  ];
  const stop = async () => {
    await Promise.all([api.child, worker].filter((child) => child !== null).map(stopChild));
    await removeKeys(prefix);
  };
  try {
    if (!held) await startWorker();
  } catch (error) {
    await stop();
    throw error;
  }
  const target: Target = {
    api: apiPool(/listening on (\S+)/.exec(api.line)![1]!, setting.clients),
    key,
    appId,
    memory: new MemoryWatch(watched()),
    async release() {
      target.memory.stop();
      await startWorker();
      target.memory = new MemoryWatch(watched());
    },
    async stop() {
      target.memory.stop();
      await target.api.close();
      await stop();
    },
  };
  return target;
}
