import { createCipheriv, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { generateEndpointSecret } from "@/lib/crypto/endpoint-secret";
import { loadEncryptionKey } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { seedOrg } from "@/lib/seed/factories";
import { runMigrations } from "../../scripts/lib/run-migrations";
import { verifies } from "../support/accounts";
import { type ApiClient, apiClient, createApp, createEndpoint, json } from "../support/http";
import { type Receiver, startReceiver } from "../support/receiver";
import { until } from "../support/wait";

// Custom headers and signing secrets at rest: encrypted, bound to their rows, and
// credentials never shown back, not even through the attempt log.

const kind = inject("dbKind");
let receiver: Receiver;
let orgId: string;
let api: ApiClient;

beforeAll(async () => {
  // A receiver that hands out a session of its own: its answer is recorded, its cookie is not.
  receiver = await startReceiver({ headers: { "set-cookie": "receiver_session=tell-no-one; HttpOnly" } });
  orgId = (await seedOrg(db)).id;
  api = apiClient((await insertApiKey(db, orgId, "owner", "admin")).key);
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

const send = async (appId: string) =>
  (await json<{ id: string }>(api(`/api/v1/app/${appId}/msg`, { method: "POST", json: { eventType: "secret.test", payload: { n: Math.random() } } }))).id;

/** A column's stored text, exactly as the database holds it. */
async function rawColumn(table: string, column: string, where: string, id: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ value: string }[]>(`SELECT CAST("${column}" AS TEXT) AS "value" FROM "${table}" WHERE "${where}" = '${id}'`);
  return rows.map((row) => row.value);
}

describe(`custom headers and secrets at rest on ${kind}`, () => {
  it("sends credentials in custom headers, but stores them encrypted and shows them to nobody", async () => {
    const app = await createApp(api, "Credentials");
    const headers = { Authorization: "Bearer sk_live_tell-no-one", "X-Api-Key": "key-tell-no-one", "x-tenant": "blue" };
    const endpoint = await createEndpoint(api, app.id, receiver.url("/credentials"), { headers });
    const msgId = await send(app.id);
    const got = await receiver.arrival(msgId, "/credentials");
    expect(got.headers).toMatchObject({ authorization: "Bearer sk_live_tell-no-one", "x-api-key": "key-tell-no-one", "x-tenant": "blue" });

    const attempt = await until(async () => (await db.attempt.findFirst({ where: { endpointId: endpoint.id } })) ?? undefined, "the attempt row");
    for (const role of ["viewer", "developer"] as const) {
      const client = apiClient((await insertApiKey(db, orgId, role, role)).key);
      const byEndpoint = await json<{ data: { requestHeaders: Record<string, string> }[] }>(client(`/api/v1/app/${app.id}/attempt/endpoint/${endpoint.id}`));
      const byMessage = await json<{ data: { requestHeaders: Record<string, string> }[] }>(client(`/api/v1/app/${app.id}/attempt/msg/${msgId}`));
      const single = await json<{ requestHeaders: Record<string, string> }>(client(`/api/v1/app/${app.id}/msg/${msgId}/attempt/${attempt.id}`));
      for (const shown of [byEndpoint.data[0]!.requestHeaders, byMessage.data[0]!.requestHeaders, single.requestHeaders]) {
        expect(shown, role).toMatchObject({
          Authorization: "[redacted]",
          "X-Api-Key": "[redacted]",
          "x-tenant": "blue",
          "webhook-signature": got.headers["webhook-signature"],
        });
      }
      expect((single as unknown as { responseHeaders: Record<string, string> }).responseHeaders, role).toMatchObject({
        "set-cookie": "[redacted]",
        "content-length": "2",
      });
    }
    expect(await json(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/headers`))).toEqual({
      headers: { "x-tenant": "blue" },
      sensitive: ["Authorization", "X-Api-Key"],
    });

    // Neither the endpoint row nor the attempt row holds a credential in plain text.
    const [stored] = await rawColumn("Endpoint", "headers", "id", endpoint.id);
    expect(stored).toMatch(/^"v2\.[A-Za-z0-9_-]+"$/);
    const [recorded] = await rawColumn("Attempt", "requestHeaders", "id", attempt.id);
    const [answered] = await rawColumn("Attempt", "responseHeaders", "id", attempt.id);
    for (const text of [stored, recorded, answered]) {
      expect(text).not.toContain("tell-no-one");
    }
    expect(recorded).toContain("[redacted]");
  });

  it("binds a signing secret to its row: one copied onto another endpoint does not sign, and the attempt says why", async () => {
    const app = await createApp(api, "Copied secret");
    const a = await createEndpoint(api, app.id, receiver.url("/owner"));
    const b = await createEndpoint(api, app.id, receiver.url("/copy"));
    const { ciphertext } = await db.endpointSecret.findFirstOrThrow({ where: { endpointId: a.id } });
    await db.endpointSecret.updateMany({ where: { endpointId: b.id }, data: { ciphertext } });
    await db.endpoint.update({ where: { id: b.id }, data: { description: "secret copied from another endpoint" } });

    const msgId = await send(app.id);
    await receiver.arrival(msgId, "/owner");
    const failed = await until(async () => (await db.attempt.findFirst({ where: { endpointId: b.id } })) ?? undefined, "the copy's attempt");
    expect(failed).toMatchObject({ succeeded: false, responseStatus: null });
    expect(failed.errorMessage).toMatch(/^the endpoint's signing secret cannot be used: cannot decrypt: .*copied from another row/);
    expect(receiver.requests("/copy")).toHaveLength(0);
  });

  it("encrypts legacy plaintext headers and v1 secrets in the migrations' data step, delivering before and after", async () => {
    const app = await createApp(api, "Legacy");
    const secret = generateEndpointSecret();
    const key = loadEncryptionKey({ configured: env().PIGEON_ENCRYPTION_KEY, dataDir: env().PIGEON_DATA_DIR });
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
    const v1 = `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
    // A row as the previous version wrote it: headers as a plain object, the secret bound to nothing.
    const endpoint = await db.endpoint.create({
      data: {
        id: newId("endpoint"),
        appId: app.id,
        url: receiver.url("/legacy"),
        headers: { "X-Api-Key": "legacy-tell-no-one" },
        metadata: {},
        secrets: { create: { id: newId("secret"), ciphertext: v1 } },
      },
    });

    const before = await receiver.arrival(await send(app.id), "/legacy");
    expect(before.headers["x-api-key"]).toBe("legacy-tell-no-one");
    expect(verifies(secret, before)).toBe(true);

    expect(await runMigrations(inject("databaseUrl"))).toMatch(/custom headers of \d+ endpoints? encrypted; \d+ signing secrets? re-encrypted/);
    const [stored] = await rawColumn("Endpoint", "headers", "id", endpoint.id);
    expect(stored).toMatch(/^"v2\./);
    expect(stored).not.toContain("legacy-tell-no-one");
    expect((await rawColumn("EndpointSecret", "ciphertext", "endpointId", endpoint.id))[0]).toMatch(/^v2\./);
    expect(await runMigrations(inject("databaseUrl"))).toBe("schema up to date");

    const after = await receiver.arrival(await send(app.id), "/legacy");
    expect(after.headers["x-api-key"]).toBe("legacy-tell-no-one");
    expect(verifies(secret, after)).toBe(true);
    expect(await json(api(`/api/v1/app/${app.id}/endpoint/${endpoint.id}/secret`))).toEqual({ key: secret });
  });
});
