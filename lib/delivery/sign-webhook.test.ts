import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateEndpointSecret, parseEndpointSecret } from "@/lib/crypto/endpoint-secret";
import { signWebhook, webhookHeaders } from "./sign-webhook";

// The test vector published with the Standard Webhooks specification and Svix docs.
const vector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  msgId: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

const now = () => Math.floor(Date.now() / 1000);

describe("signWebhook", () => {
  it("matches the published test vector", () => {
    const keys = [parseEndpointSecret(vector.secret)];
    expect(signWebhook({ ...vector, keys })).toBe(vector.signature);
  });

  it("signs once per key, current key first, space-separated", () => {
    const current = parseEndpointSecret(generateEndpointSecret());
    const old = parseEndpointSecret(vector.secret);
    const signature = signWebhook({ ...vector, keys: [current, old] });
    const parts = signature.split(" ");
    expect(parts).toHaveLength(2);
    expect(parts[0]).toBe(signWebhook({ ...vector, keys: [current] }));
    expect(parts[1]).toBe(vector.signature);
  });

  it("signs the exact body, so any change in it changes the signature", () => {
    const keys = [parseEndpointSecret(vector.secret)];
    expect(signWebhook({ ...vector, body: '{"test":2432232314}', keys })).not.toBe(vector.signature);
    expect(signWebhook({ ...vector, timestamp: vector.timestamp + 1, keys })).not.toBe(vector.signature);
    expect(signWebhook({ ...vector, msgId: "msg_other", keys })).not.toBe(vector.signature);
  });

  it("signs non-ASCII bodies as UTF-8, like receivers do", () => {
    const secret = generateEndpointSecret();
    const body = '{"name":"Zoë 🐦"}';
    const headers = webhookHeaders({ msgId: "msg_1", timestamp: now(), body, keys: [parseEndpointSecret(secret)] });
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual({ name: "Zoë 🐦" });
  });

  it("refuses to sign without keys or with a bad timestamp", () => {
    const keys = [parseEndpointSecret(vector.secret)];
    expect(() => signWebhook({ ...vector, keys: [] })).toThrow(/at least one key/);
    expect(() => signWebhook({ ...vector, timestamp: 1614265330.5, keys })).toThrow(/whole unix seconds/);
    expect(() => signWebhook({ ...vector, timestamp: Date.now(), keys })).toThrow(/whole unix seconds/);
    expect(() => signWebhook({ ...vector, timestamp: -1, keys })).toThrow(/whole unix seconds/);
  });
});

describe("webhookHeaders", () => {
  it("returns the three Standard Webhooks headers", () => {
    const keys = [parseEndpointSecret(vector.secret)];
    expect(webhookHeaders({ ...vector, keys })).toEqual({
      "webhook-id": vector.msgId,
      "webhook-timestamp": "1614265330",
      "webhook-signature": vector.signature,
    });
  });

  it("verifies with the standardwebhooks library", () => {
    const secret = generateEndpointSecret();
    const body = JSON.stringify({ type: "invoice.paid", data: { id: 42 } });
    const headers = webhookHeaders({ msgId: "msg_abc", timestamp: now(), body, keys: [parseEndpointSecret(secret)] });
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual({ type: "invoice.paid", data: { id: 42 } });
    expect(() => new Webhook(generateEndpointSecret()).verify(body, { ...headers })).toThrow(/No matching signature/);
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow(/No matching signature/);
  });

  it("verifies with either secret during a rotation", () => {
    const current = generateEndpointSecret();
    const previous = generateEndpointSecret();
    const body = '{"rotated":true}';
    const headers = webhookHeaders({
      msgId: "msg_rot",
      timestamp: now(),
      body,
      keys: [parseEndpointSecret(current), parseEndpointSecret(previous)],
    });
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(current).verify(body, { ...headers })).toEqual({ rotated: true });
    expect(new Webhook(previous).verify(body, { ...headers })).toEqual({ rotated: true });
    expect(() => new Webhook(generateEndpointSecret()).verify(body, { ...headers })).toThrow(/No matching signature/);
  });

  it("produces headers the library rejects once the timestamp is stale", () => {
    const secret = generateEndpointSecret();
    const keys = [parseEndpointSecret(secret)];
    const headers = webhookHeaders({ msgId: "msg_old", timestamp: now() - 3600, body: "{}", keys });
    expect(() => new Webhook(secret).verify("{}", { ...headers })).toThrow(/too old/);
  });
});
