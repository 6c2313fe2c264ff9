import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, inject, it } from "vitest";
import { insertApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { leaseApiTokens } from "@/lib/rate-limit/take-api-request";
import { seedApp, seedOrg } from "@/lib/seed/factories";
import { signedInOwner } from "../support/accounts";
import { apiClient } from "../support/http";
import { sleep } from "../support/wait";

const kind = inject("dbKind");

afterAll(() => db.$disconnect());

async function orgWithKey(limits: { apiRateLimit?: number | null; maxPayloadBytes?: number | null } = {}) {
  const org = await seedOrg(db);
  await db.organization.update({ where: { id: org.id }, data: limits });
  const { key } = await insertApiKey(db, org.id, "limits test", "admin");
  return { org, api: apiClient(key) };
}

/**
 * Waits for the next one-second window to begin, so a short burst falls within one window.
 * The windows are the server's clock: time has to pass (the leases it hands out live in
 * its memory, out of the tests' reach).
 */
async function nextWindow() {
  await sleep(1000 - (Date.now() % 1000) + 10);
}

const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

function pigeonCli(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/pigeon.ts", ...args], { env: { ...process.env } as NodeJS.ProcessEnv, encoding: "utf8" });
}

describe(`per-organization API rate limits on ${kind}`, () => {
  it("answers requests over the organization's rate with 429 and Retry-After, other organizations unaffected, and serves it again a second later", async () => {
    const limited = await orgWithKey({ apiRateLimit: 5 });
    const other = await orgWithKey();
    // Warm both keys up (first use writes lastUsedAt), then start in a fresh window.
    await other.api("/api/v1/app");
    await nextWindow();
    const burst = await Promise.all(Array.from({ length: 12 }, () => limited.api("/api/v1/app")));
    expect(statuses(burst)).toEqual([...Array(5).fill(200), ...Array(7).fill(429)]);
    const refused = burst.find((r) => r.status === 429)!;
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("x-ratelimit-limit")).toBe("5");
    expect(await refused.json()).toEqual({
      code: "rate_limited",
      detail: "Too many requests: this organization may make 5 API requests per second. Retry after 1 s.",
    });
    expect((await other.api("/api/v1/app")).status).toBe(200);

    // The point: the next window, a second later, serves it again.
    await sleep(1000);
    expect((await limited.api("/api/v1/app")).status).toBe(200);
  });

  it("shares one window between processes: what another process leased is not granted again", async () => {
    const { org, api } = await orgWithKey({ apiRateLimit: 10 });
    await api("/api/v1/app");
    await nextWindow();
    // This test process plays a second web process and takes the whole window.
    expect(await leaseApiTokens(org.id, 10, 10)).toMatchObject({ granted: 10 });
    expect((await api("/api/v1/app")).status).toBe(429);
    expect(await leaseApiTokens(org.id, 1, 10)).toMatchObject({ granted: 0 });
    await nextWindow();
    expect((await api("/api/v1/app")).status).toBe(200);
  });

  it("counts nothing for an organization without a limit (0), nor for people in the console", async () => {
    const unlimited = await orgWithKey({ apiRateLimit: 0 });
    const burst = await Promise.all(Array.from({ length: 30 }, () => unlimited.api("/api/v1/app")));
    expect(new Set(statuses(burst))).toEqual(new Set([200]));
    expect(await db.apiRateWindow.findUnique({ where: { orgId: unlimited.org.id } })).toBeNull();

    const { browser, orgId } = await signedInOwner();
    await db.organization.update({ where: { id: orgId }, data: { apiRateLimit: 1 } });
    const pages = await Promise.all(Array.from({ length: 6 }, () => browser.fetch("/api/console/settings")));
    expect(new Set(statuses(pages))).toEqual(new Set([200]));
  });
});

describe(`per-organization payload limits on ${kind}`, () => {
  it("refuses a payload over the organization's limit with 413 naming it, and accepts one under it", async () => {
    const { org, api } = await orgWithKey({ maxPayloadBytes: 2048 });
    const app = await seedApp(db, org.id);
    const message = (bytes: number) => ({ eventType: "user.created", payload: { fill: "x".repeat(bytes - 11) } }); // {"fill":"…"} is 11 bytes around the fill

    const fits = await api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: message(2048) });
    expect(fits.status, await fits.clone().text()).toBe(202);
    const over = await api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: message(2049) });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({
      code: "payload_too_large",
      detail: "payload: is 2,049 bytes of JSON; this organization's limit is 2,048 bytes (2 KiB)",
    });
    // A body far beyond the limit is refused before it is read whole.
    const huge = await api(`/api/v1/app/${app.id}/msg`, { method: "POST", json: message(200_000) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).detail).toBe("The request body is larger than 67,584 bytes (66 KiB)");
    expect(await db.message.count({ where: { appId: app.id } })).toBe(1);
  });
});

describe(`operator command for limits on ${kind}`, () => {
  it("shows and sets an organization's limits, and refuses bad values", async () => {
    const { org } = await orgWithKey();
    const shown = pigeonCli("org", "limits", "--org", org.id);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/API rate: +1,000 requests\/s \(installation default\)/);
    expect(shown.stdout).toMatch(/max payload: +1,048,576 bytes \(1 MiB\) \(installation default\)/);

    const set = pigeonCli("org", "limits", "--org", org.id, "--api-rate", "250", "--max-payload", "4MiB");
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/API rate: +250 requests\/s\n/);
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ apiRateLimit: 250, maxPayloadBytes: 4 * 1024 * 1024 });
    expect(await db.auditEvent.findFirst({ where: { orgId: org.id, action: "organization.limits_changed" } })).toMatchObject({
      data: { apiRateLimit: 250, maxPayloadBytes: 4194304, via: "cli" },
    });

    const reset = pigeonCli("org", "limits", "--org", org.id, "--api-rate", "default");
    expect(reset.status, reset.stderr).toBe(0);
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ apiRateLimit: null, maxPayloadBytes: 4 * 1024 * 1024 });

    const tooSmall = pigeonCli("org", "limits", "--org", org.id, "--max-payload", "12");
    expect(tooSmall.status).toBe(1);
    expect(tooSmall.stderr).toMatch(/maxPayloadBytes: must be at least 1024 bytes/);
    const unknown = pigeonCli("org", "limits", "--org", "org_doesnotexist", "--api-rate", "5");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No organization has the id or name "org_doesnotexist"/);
  });
});
