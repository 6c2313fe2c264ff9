import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

process.env.PIGEON_ALLOWED_NETWORKS = "127.0.0.0/8";
const { classifyError, sendAttempt } = await import("./send-attempt");

const secret = Buffer.alloc(24, 7);
let server: Server;
let base: string;
const received: { headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      if (req.url === "/ok") return res.end("thanks");
      if (req.url === "/fail") return res.writeHead(503, { "retry-after": "7" }).end("down");
      if (req.url === "/redirect") return res.writeHead(302, { location: "/ok" }).end();
      if (req.url === "/big") return res.end("x".repeat(100_000));
      if (req.url === "/slow") return setTimeout(() => res.end("late"), 2_000);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const send = (path: string, extra: object = {}) =>
  sendAttempt({ msgId: "msg_1", url: `${base}${path}`, body: '{"a":1}', keys: [secret], headers: { "x-custom": "yes" }, timeoutMs: 500, ...extra });

describe("sendAttempt", () => {
  it("POSTs the exact body, signed, with the custom headers", async () => {
    const result = await send("/ok");
    expect(result).toMatchObject({ succeeded: true, status: 200, body: "thanks", errorKind: null });
    const last = received.at(-1)!;
    expect(last.body).toBe('{"a":1}');
    expect(last.headers).toMatchObject({ "x-custom": "yes", "user-agent": "Pigeon-Webhooks/1.0", "content-type": "application/json", "webhook-id": "msg_1" });
    const webhook = new Webhook(`whsec_${secret.toString("base64")}`);
    expect(webhook.verify(last.body, last.headers as Record<string, string>)).toEqual({ a: 1 });
  });

  it("treats non-2xx and redirects as failures and reads Retry-After", async () => {
    expect(await send("/fail")).toMatchObject({ succeeded: false, status: 503, errorKind: "http_status", retryAfterSeconds: 7, body: "down" });
    expect(await send("/redirect")).toMatchObject({ succeeded: false, status: 302, errorKind: "http_status" });
  });

  it("keeps at most 20 kB of the response", async () => {
    const result = await send("/big");
    expect(result.succeeded).toBe(true);
    expect(result.body!.length).toBe(20 * 1024);
  });

  it("classifies timeouts, refused connections, DNS failures and blocked addresses", async () => {
    expect(await send("/slow")).toMatchObject({ succeeded: false, status: null, errorKind: "timeout" });
    expect(await sendAttempt({ msgId: "m", url: "http://127.0.0.1:9/x", body: "{}", keys: [secret], timeoutMs: 1000 })).toMatchObject({
      errorKind: "connection",
    });
    expect(await sendAttempt({ msgId: "m", url: "http://no-such-host.invalid/x", body: "{}", keys: [secret], timeoutMs: 3000 })).toMatchObject({
      errorKind: "dns",
    });
    expect(await sendAttempt({ msgId: "m", url: "http://169.254.169.254/latest", body: "{}", keys: [secret], timeoutMs: 1000 })).toMatchObject({
      errorKind: "blocked",
    });
    expect(await sendAttempt({ msgId: "m", url: "http://10.0.0.1/x", body: "{}", keys: [secret], timeoutMs: 1000 })).toMatchObject({ errorKind: "blocked" });
  });

  it("recognises TLS errors", () => {
    expect(classifyError(Object.assign(new Error("x"), { code: "CERT_HAS_EXPIRED" }))).toBe("tls");
    expect(classifyError(Object.assign(new Error("x"), { code: "ERR_TLS_CERT_ALTNAME_INVALID" }))).toBe("tls");
    expect(classifyError(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe("connection");
  });
});
