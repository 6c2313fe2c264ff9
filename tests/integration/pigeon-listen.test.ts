import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { type ApiClient, apiClient, baseUrl, createApp, json } from "../support/http";
import { type Receiver, type Received, startReceiver } from "../support/receiver";
import { startTcpProxy } from "../support/tcp-proxy";
import { sleep, until } from "../support/wait";

// `pigeon listen` (bin/pigeon.mjs) as a developer runs it: a child process reading a polling
// endpoint's stream from the production server and POSTing each message to a receiver on
// this machine, which checks every signature with the Standard Webhooks library.

const kind = inject("dbKind");
const root = path.resolve(import.meta.dirname, "../..");

let receiver: Receiver;
let api: ApiClient;
let stateDir: string;
const listeners: ChildProcess[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  const org = await seedOrg(db);
  api = apiClient((await insertApiKey(db, org.id, "listen", "admin")).key);
  stateDir = mkdtempSync(path.join(os.tmpdir(), "pigeon-listen-"));
});
afterAll(async () => {
  for (const child of listeners) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await receiver.close();
  rmSync(stateDir, { recursive: true, force: true });
  await db.$disconnect();
});

interface PollingEndpoint {
  appId: string;
  id: string;
  token: string;
  secret: string;
}

async function pollingEndpoint(name: string): Promise<PollingEndpoint> {
  const app = await createApp(api, name);
  const endpoint = await json<{ id: string; token: string }>(api(`/api/v1/app/${app.id}/endpoint`, { method: "POST", json: { type: "polling" } }), 201);
  const { key } = await json<{ key: string }>(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret`));
  return { appId: app.id, id: endpoint.id, token: endpoint.token, secret: key };
}

/** Sends `count` messages in batches and returns their ids in the order they were sent. */
async function send(endpoint: PollingEndpoint, count: number, from = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let start = from; start < from + count; start += 100) {
    const messages = Array.from({ length: Math.min(100, from + count - start) }, (_, i) => ({
      eventType: "order.created",
      payload: { n: start + i, note: 'émoji 🐦 and "quotes"' },
    }));
    const answer = await json<{ data: { message: { id: string } }[] }>(
      api(`/api/v1/app/${endpoint.appId}/msg/batch`, { method: "POST", json: { messages } }),
      202,
    );
    ids.push(...answer.data.map((d) => d.message.id));
  }
  return ids;
}

interface Listener {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startListener(endpoint: PollingEndpoint, forwardTo: string, state: string, args: string[] = [], server = baseUrl()): Listener {
  const child = spawn(
    process.execPath,
    [path.join(root, "bin/pigeon.mjs"), "listen", "--server", server, "--forward-to", forwardTo, "--state", state, ...args],
    {
      cwd: root,
      env: { ...process.env, PIGEON_TOKEN: endpoint.token },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  listeners.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exit };
}

/** Every request to `route` verifies with the endpoint's secret; returns the message ids in arrival order. */
function verifiedArrivals(route: string, secret: string): string[] {
  const webhook = new Webhook(secret);
  return receiver.requests(route).map((request: Received) => {
    expect(() => webhook.verify(request.body, request.headers), `${request.headers["webhook-id"]} verifies`).not.toThrow();
    expect(request.headers["content-type"]).toBe("application/json");
    return request.headers["webhook-id"]!;
  });
}

const firstArrivals = (ids: string[]) => [...new Set(ids)];
const stateOf = (file: string) => JSON.parse(readFileSync(file, "utf8")) as { endpointId: string; lastEventId?: string };

describe(`pigeon listen on ${kind}`, () => {
  it("forwards 300 messages in order, each signed; killed midway, it resumes after the last message the app accepted", { timeout: 240_000 }, async () => {
    const endpoint = await pollingEndpoint("Listen");
    const route = "/listen/kill";
    const state = path.join(stateDir, "kill.json");
    const sent = await send(endpoint, 150);
    // A little slower than bare localhost, so the kill lands among the first 150.
    receiver.answer(route, { delayMs: 5 });

    const first = startListener(endpoint, receiver.url(route), state, ["--consumer", "laptop-1"]);
    await until(() => receiver.requests(route).length >= 60, "60 forwarded messages", 60_000);
    first.child.kill("SIGKILL");
    await first.exit;
    const beforeKill = receiver.requests(route).length;
    expect(stateOf(state)).toMatchObject({ endpointId: endpoint.id, lastEventId: expect.stringMatching(/^msg_/) });

    sent.push(...(await send(endpoint, 150, 150)));
    const second = startListener(endpoint, receiver.url(route), state, ["--consumer", "laptop-1"]);
    await until(() => new Set(receiver.requests(route).map((r) => r.headers["webhook-id"])).size >= 300, "all 300 messages", 120_000);

    const arrivals = verifiedArrivals(route, endpoint.secret);
    expect(firstArrivals(arrivals)).toEqual(sent);
    // One message at a time: at most the one in flight at the kill arrives twice.
    expect(arrivals.length - sent.length).toBeLessThanOrEqual(1);
    expect(beforeKill).toBeLessThan(150);
    expect(second.output()).toContain("order.created");
    expect(second.output()).toMatch(/msg_\S+ {2}→ 200 {2}\d+ ms/);

    // The server shows the listener as a consumer, caught up (it acknowledges what the app accepted).
    await until(async () => {
      const { data } = await json<{ data: { consumerId: string; lag: number }[] }>(api(`/api/v1/app/${endpoint.appId}/poller/${endpoint.id}/consumer`));
      return data.some((c) => c.consumerId === "laptop-1" && c.lag === 0);
    }, "the consumer caught up");

    second.child.kill("SIGTERM");
    expect(await second.exit).toEqual({ code: 0, signal: null });
    expect(stateOf(state).lastEventId).toBe(sent.at(-1));
  });

  it("tries a message the app refuses again, with backoff, and forwards nothing after it until it is accepted", { timeout: 120_000 }, async () => {
    const endpoint = await pollingEndpoint("Listen retries");
    const route = "/listen/flaky";
    const sent = await send(endpoint, 20);
    const refused = sent[4]!;
    let refusals = 0;
    receiver.answer(route, (request) => (request.headers["webhook-id"] === refused && ++refusals <= 3 ? { status: 500, body: "not yet" } : {}));

    const listener = startListener(endpoint, receiver.url(route), path.join(stateDir, "flaky.json"));
    await until(() => new Set(receiver.requests(route).map((r) => r.headers["webhook-id"])).size >= 20, "all 20 messages", 90_000);

    const arrivals = verifiedArrivals(route, endpoint.secret);
    expect(arrivals).toEqual([...sent.slice(0, 5), refused, refused, refused, ...sent.slice(5)]);
    const tries = receiver.requests(route).filter((r) => r.headers["webhook-id"] === refused);
    // 1 s, then 2 s, then 4 s between the tries (allowing for a busy machine).
    const gaps = tries.slice(1).map((r, i) => r.at - tries[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1_900);
    expect(gaps[2]).toBeGreaterThanOrEqual(3_900);
    expect(listener.output()).toContain(`${refused}  → 500`);

    listener.child.kill("SIGINT");
    expect(await listener.exit).toEqual({ code: 0, signal: null });
  });

  it("loses nothing when killed before the app accepted a single message, although the server streamed them", { timeout: 120_000 }, async () => {
    const endpoint = await pollingEndpoint("Listen down");
    const route = "/listen/down";
    const state = path.join(stateDir, "down.json");
    const sent = await send(endpoint, 30);
    receiver.answer(route, { status: 503 });

    const first = startListener(endpoint, receiver.url(route), state);
    await receiver.waitFor((r) => r.path === route, "the first try");
    // The server streamed the messages, but the consumer's position stays where it was
    // confirmed: nothing was acknowledged, so all 30 are still ahead of it.
    const { data } = await json<{ data: { consumerId: string; lag: number }[] }>(api(`/api/v1/app/${endpoint.appId}/poller/${endpoint.id}/consumer`));
    expect(data).toContainEqual(expect.objectContaining({ consumerId: "pigeon-listen", lag: 30 }));
    first.child.kill("SIGKILL");
    await first.exit;

    receiver.answer(route, {});
    const second = startListener(endpoint, receiver.url(route), state);
    await until(() => new Set(receiver.requests(route).map((r) => r.headers["webhook-id"])).size >= 30, "all 30 messages", 60_000);
    expect(firstArrivals(verifiedArrivals(route, endpoint.secret))).toEqual(sent);
    second.child.kill("SIGTERM");
    expect((await second.exit).code).toBe(0);
  });

  it("reconnects when the stream is cut, after the last message forwarded, skipping and repeating nothing", { timeout: 120_000 }, async () => {
    const endpoint = await pollingEndpoint("Listen cut");
    const route = "/listen/cut";
    const proxy = await startTcpProxy({ port: Number(new URL(baseUrl()).port) });
    const sent = await send(endpoint, 100);
    // Slow enough that the cut lands with messages read from the stream but not yet forwarded.
    receiver.answer(route, { delayMs: 20 });

    const listener = startListener(endpoint, receiver.url(route), path.join(stateDir, "cut.json"), [], `http://127.0.0.1:${proxy.port}`);
    await until(() => receiver.requests(route).length >= 30, "30 forwarded messages", 60_000);
    await proxy.stop();
    await sleep(1_500);
    await proxy.start();
    sent.push(...(await send(endpoint, 50, 100)));
    await until(() => receiver.requests(route).length >= 150, "all 150 messages", 60_000);
    await sleep(500);

    expect(verifiedArrivals(route, endpoint.secret)).toEqual(sent);
    expect(listener.output()).toMatch(/reconnecting in/);
    expect(listener.output().match(/connected to/g)!.length).toBeGreaterThanOrEqual(2);
    listener.child.kill("SIGTERM");
    expect((await listener.exit).code).toBe(0);
    await proxy.stop();
  });

  it("on SIGTERM finishes the forward in flight, saves it, and starts no other", { timeout: 60_000 }, async () => {
    const endpoint = await pollingEndpoint("Listen stop");
    const route = "/listen/slow";
    const state = path.join(stateDir, "slow.json");
    const sent = await send(endpoint, 3);
    receiver.answer(route, { delayMs: 1_500 });

    const listener = startListener(endpoint, receiver.url(route), state);
    await receiver.waitFor((r) => r.path === route, "the first message");
    listener.child.kill("SIGTERM");
    expect(await listener.exit).toEqual({ code: 0, signal: null });
    expect(receiver.requests(route).map((r) => r.headers["webhook-id"])).toEqual([sent[0]]);
    expect(receiver.requests(route)[0]!.answeredAt).toBeDefined();
    expect(stateOf(state).lastEventId).toBe(sent[0]);
  });

  it("exits 2 with the usage on a mistake in the command line, and 1 when the server refuses the token", { timeout: 60_000 }, async () => {
    const endpoint = await pollingEndpoint("Listen errors");
    const missing = spawn(process.execPath, [path.join(root, "bin/pigeon.mjs"), "listen", "--server", baseUrl(), "--token", endpoint.token], { cwd: root });
    let missingOutput = "";
    missing.stderr.on("data", (chunk) => (missingOutput += chunk));
    expect(await new Promise((resolve) => missing.on("exit", resolve))).toBe(2);
    expect(missingOutput).toContain("--forward-to is required");
    expect(missingOutput).toContain("usage: pigeon listen");

    const forged = { ...endpoint, token: `${endpoint.token.slice(0, endpoint.token.lastIndexOf(".") + 1)}${"x".repeat(32)}` };
    const refused = startListener(forged, receiver.url("/listen/never"), path.join(stateDir, "forged.json"));
    expect((await refused.exit).code).toBe(1);
    expect(refused.output()).toMatch(/✖ reading the endpoint's signing secret: 401/);
  });
});
