import http from "node:http";
import type { AddressInfo } from "node:net";
import type { LookupAddress, LookupOptions } from "node:dns";
import { Agent, request } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { assertAddressAllowed, BlockedAddressError, checkEndpointUrl, createGuardedLookup, parseAllowedNetworks, type LookupAll } from "./network-policy";

const none = parseAllowedNetworks(undefined);
const loopback = parseAllowedNetworks("127.0.0.0/8");

const resolveTo =
  (...addresses: string[]): LookupAll =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

function findCode(error: unknown, code: string): (Error & { code: string }) | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === code) return e as Error & { code: string };
  }
  return undefined;
}

describe("createGuardedLookup with a real undici Agent", () => {
  let server: http.Server;
  let port: number;
  const seen: string[] = [];
  const agents: Agent[] = [];
  const agent = (options: ConstructorParameters<typeof Agent>[0]) => {
    const created = new Agent(options);
    agents.push(created);
    return created;
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers.host ?? "");
      res.end("reached");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    seen.length = 0;
    await Promise.all(agents.splice(0).map((a) => a.close()));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([true, false])("blocks a name that resolves to loopback (autoSelectFamily %s)", async (autoSelectFamily) => {
    const lookup = createGuardedLookup(none, resolveTo("127.0.0.1"));
    const dispatcher = agent({ connect: { lookup, autoSelectFamily } });
    const error = await request(`http://rebind.test:${port}/`, { dispatcher }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const blocked = findCode(error, "EPIGEON_BLOCKED");
    expect(blocked).toBeInstanceOf(BlockedAddressError);
    expect(blocked?.message).toBe("connection to rebind.test blocked: the name resolves to an address that is not publicly reachable");
    expect(seen).toEqual([]);
  });

  it.each([true, false])("connects when the range is allow-listed (autoSelectFamily %s)", async (autoSelectFamily) => {
    const options: LookupOptions[] = [];
    const lookup = createGuardedLookup(loopback, resolveTo("127.0.0.1"));
    const dispatcher = agent({
      connect: {
        autoSelectFamily,
        lookup: (hostname, opts, callback) => {
          options.push(opts);
          lookup(hostname, opts, callback);
        },
      },
    });
    const response = await request(`http://rebind.test:${port}/`, { dispatcher });
    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toBe("reached");
    expect(seen).toEqual([`rebind.test:${port}`]);
    // With autoSelectFamily Node asks for every address; the lookup must answer in kind.
    expect(options.map((o) => Boolean(o.all))).toEqual([autoSelectFamily]);
  });

  it("defeats DNS rebinding: the name checked when saved resolves elsewhere when connecting", async () => {
    let answers = 0;
    const rebinding: LookupAll = async () => [{ address: answers++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 }];
    const url = `http://rebind.test:${port}/`;
    await expect(checkEndpointUrl(url, { httpsOnly: false, allow: none, lookup: rebinding })).resolves.toBeUndefined();

    const dispatcher = agent({ connect: { lookup: createGuardedLookup(none, rebinding) } });
    const error = await request(url, { dispatcher }).catch((e: unknown) => e);
    expect(findCode(error, "EPIGEON_BLOCKED")).toMatchObject({ address: "127.0.0.1", message: expect.stringMatching(/^connection to rebind\.test blocked/) });
    expect(seen).toEqual([]);
  });

  it("blocks when any resolved address is blocked, even if another is allowed", async () => {
    const lookup = createGuardedLookup(loopback, resolveTo("127.0.0.1", "10.0.0.1"));
    const dispatcher = agent({ connect: { lookup } });
    const error = await request(`http://rebind.test:${port}/`, { dispatcher }).catch((e: unknown) => e);
    expect(findCode(error, "EPIGEON_BLOCKED")).toMatchObject({ address: "10.0.0.1", message: expect.stringMatching(/^connection to rebind\.test blocked/) });
  });

  it("is skipped for IP-literal hosts, so callers check those with assertAddressAllowed", async () => {
    const calls: string[] = [];
    const spy: LookupAll = async (host) => {
      calls.push(host);
      return [];
    };
    const dispatcher = agent({ connect: { lookup: createGuardedLookup(none, spy) } });
    const url = `http://127.0.0.1:${port}/`;

    // Node's net.connect never calls `lookup` for an IP literal: the request gets through.
    const response = await request(url, { dispatcher });
    await response.body.text();
    expect(response.statusCode).toBe(200);
    expect(calls).toEqual([]);

    // The caller's guard before connecting:
    const send = async () => {
      assertAddressAllowed(new URL(url).hostname, none);
      return request(url, { dispatcher });
    };
    await expect(send()).rejects.toThrow(new BlockedAddressError("127.0.0.1", "a loopback address"));
    expect(() => assertAddressAllowed(new URL("http://[::1]:80/").hostname, none)).toThrow(BlockedAddressError);
  });
});

describe("createGuardedLookup callback contract", () => {
  type Result = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };
  const call = (lookup: ReturnType<typeof createGuardedLookup>, hostname: string, options: LookupOptions) =>
    new Promise<Result>((resolve) => lookup(hostname, options, (error, address, family) => resolve({ error, address, family })));
  const dual = resolveTo("2606:4700:4700::1111", "1.1.1.1");

  it("returns the first address, or all of them when asked", async () => {
    const lookup = createGuardedLookup(none, dual);
    expect(await call(lookup, "one.test", {})).toEqual({ error: null, address: "2606:4700:4700::1111", family: 6 });
    expect(await call(lookup, "one.test", { all: true })).toEqual({
      error: null,
      address: [
        { address: "2606:4700:4700::1111", family: 6 },
        { address: "1.1.1.1", family: 4 },
      ],
      family: undefined,
    });
  });

  it("honours the requested family, including the legacy string form", async () => {
    const lookup = createGuardedLookup(none, dual);
    expect(await call(lookup, "one.test", { family: 4 })).toMatchObject({ address: "1.1.1.1", family: 4 });
    expect(await call(lookup, "one.test", { family: "IPv6" })).toMatchObject({ address: "2606:4700:4700::1111" });
    expect(await call(lookup, "one.test", { family: 4, all: true })).toMatchObject({
      address: [{ address: "1.1.1.1", family: 4 }],
    });
  });

  it("judges only the family that will be used", async () => {
    const lookup = createGuardedLookup(none, resolveTo("1.1.1.1", "::1"));
    expect(await call(lookup, "one.test", { family: 4 })).toMatchObject({ error: null, address: "1.1.1.1" });
    expect((await call(lookup, "one.test", { family: 6 })).error?.code).toBe("EPIGEON_BLOCKED");
    expect((await call(lookup, "one.test", {})).error?.message).toBe(
      "connection to one.test blocked: the name resolves to an address that is not publicly reachable",
    );
  });

  it("reports names without usable addresses as ENOTFOUND and passes resolver errors on", async () => {
    const v4only = createGuardedLookup(none, resolveTo("1.1.1.1"));
    expect((await call(v4only, "one.test", { family: 6 })).error?.code).toBe("ENOTFOUND");
    const boom = Object.assign(new Error("boom"), { code: "EAI_AGAIN" });
    const failing = createGuardedLookup(none, () => Promise.reject(boom));
    expect((await call(failing, "one.test", {})).error).toMatchObject({ message: "boom", code: "EAI_AGAIN" });
  });

  it("checks IP literals without resolving them", async () => {
    const lookup = createGuardedLookup(none, () => Promise.reject(new Error("should not resolve")));
    expect(await call(lookup, "8.8.8.8", {})).toEqual({ error: null, address: "8.8.8.8", family: 4 });
    expect((await call(lookup, "10.0.0.1", {})).error?.code).toBe("EPIGEON_BLOCKED");
  });
});
