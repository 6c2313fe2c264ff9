import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { seedOrg } from "@/lib/seed/factories";
import { type ApiClient, apiClient, createApp, createEndpoint, json } from "../support/http";

// What the API stores is bounded: custom headers (copied into every attempt), metadata,
// event-type documents. A refusal is a 422 that names the field.

const kind = inject("dbKind");
const RECEIVER = "http://127.0.0.1:9/webhook";
let api: ApiClient;
let appId: string;

beforeAll(async () => {
  const org = await seedOrg(db);
  api = apiClient((await insertApiKey(db, org.id, "bounds", "admin")).key);
  appId = (await createApp(api, "Bounds")).id;
});
afterAll(() => db.$disconnect());

const refused = async (response: Promise<Response>) => (await json<{ message: string }>(response, 422)).message;

describe(`bounds on stored input on ${kind}`, () => {
  it("refuses oversized custom headers and values HTTP cannot carry, and keeps the stored ones", async () => {
    const endpoint = await createEndpoint(api, appId, RECEIVER, { headers: { "x-tenant": "42" } });
    const headersPath = `/api/v1/app/${appId}/endpoint/${endpoint.id}/headers`;

    // 20 MB never gets as far as the schema: the body is refused before it is read.
    const huge = await api(headersPath, { method: "PUT", json: { headers: { "x-huge": "x".repeat(20 * 1024 * 1024) } } });
    expect(huge.status).toBe(413);
    expect(await refused(api(headersPath, { method: "PUT", json: { headers: { "x-huge": "x".repeat(20_000) } } }))).toMatch(
      /^headers\.x-huge: must be at most 4096 characters; headers: at most 16384 bytes/,
    );
    const wide = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`x-part-${i}`, "y".repeat(4000)]));
    expect(await refused(api(headersPath, { method: "PUT", json: { headers: wide } }))).toBe(
      "headers: at most 16384 bytes of header names and values together (got 24048)",
    );
    expect(await refused(api(headersPath, { method: "PUT", json: { headers: { "x-token": "abc\r\nx-injected: 1" } } }))).toMatch(
      /^headers\.x-token: value contains a carriage return/,
    );
    expect(await refused(api(headersPath, { method: "PATCH", json: { headers: { "x-token": "a\nb" } } }))).toMatch(
      /^headers\.x-token: value contains a line feed/,
    );
    expect(await refused(api(`/api/v1/app/${appId}/endpoint`, { method: "POST", json: { url: RECEIVER, headers: { "x-token": "a\u0000" } } }))).toMatch(
      /^headers\.x-token: .*NUL/,
    );
    expect((await (await api(headersPath)).json()).headers).toEqual({ "x-tenant": "42" });

    // Many patches must not add up to more than one PUT may hold.
    const sixty = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`x-h${i}`, "v"]));
    expect((await api(headersPath, { method: "PUT", json: { headers: sixty } })).status).toBe(204);
    const five = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`x-more${i}`, "v"]));
    expect(await refused(api(headersPath, { method: "PATCH", json: { headers: five } }))).toBe("headers: at most 64 headers (got 65)");
    expect(Object.keys((await (await api(headersPath)).json()).headers)).toHaveLength(60);
    // …while a patch that deletes as much as it adds fits, and names match whatever their case.
    expect(
      (await api(headersPath, { method: "PATCH", json: { headers: { ...five, "X-H0": "new" }, deleteHeaders: ["x-h1", "x-h2", "x-h3", "x-h4", "x-h5"] } }))
        .status,
    ).toBe(204);
    const after = (await (await api(headersPath)).json()).headers;
    expect(Object.keys(after)).toHaveLength(60);
    expect(after).toMatchObject({ "X-H0": "new" });
    expect(after).not.toHaveProperty("x-h0");
  });

  it("refuses oversized metadata and event-type documents", async () => {
    const keys = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, "v"]));
    expect(await refused(api("/api/v1/app", { method: "POST", json: { name: "Too much", metadata: keys } }))).toBe("metadata: at most 64 keys (got 65)");
    expect(await refused(api(`/api/v1/app/${appId}`, { method: "PATCH", json: { metadata: { note: "x".repeat(20_000) } } }))).toBe(
      "metadata: at most 16384 bytes of keys and values together (got 20004)",
    );
    const big = { text: "x".repeat(70_000) };
    expect(await refused(api("/api/v1/event-type", { method: "POST", json: { name: "big.example", description: "", example: big } }))).toMatch(
      /^example: must be at most 65536 bytes of JSON/,
    );
    expect(await refused(api("/api/v1/event-type", { method: "POST", json: { name: "big.schema", description: "", schemas: { "1": big } } }))).toMatch(
      /^schemas: must be at most 65536 bytes of JSON/,
    );
    expect(await db.eventType.count({ where: { name: { in: ["big.example", "big.schema"] } } })).toBe(0);
  });
});
