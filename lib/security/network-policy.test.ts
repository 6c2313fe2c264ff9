import { describe, expect, it } from "vitest";
import { assertAddressAllowed, blockedReason, BlockedAddressError, isAddressAllowed, parseAllowedNetworks } from "./network-policy";

const none = parseAllowedNetworks(undefined);

describe("parseAllowedNetworks", () => {
  it("reads IPv4 and IPv6 addresses and CIDR ranges", () => {
    const allow = parseAllowedNetworks(" 127.0.0.0/8, ::1/128,10.1.2.3 ,fd00::/8,");
    expect(allow.networks.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual(["127.0.0.0/8", "::1/128", "10.1.2.3/32", "fd00::/8"]);
  });

  it("is empty when unset or blank", () => {
    expect(parseAllowedNetworks(undefined).networks).toEqual([]);
    expect(parseAllowedNetworks("").networks).toEqual([]);
    expect(parseAllowedNetworks(" , ").networks).toEqual([]);
  });

  it.each(["10.0.0.0/33", "::1/129", "localhost", "10.0.0", "127.1", "10.0.0.0/8/8", "10.0.0.0/", "1.2.3.4/-1", "/8"])("names the bad entry %j", (bad) => {
    const parse = () => parseAllowedNetworks(`127.0.0.0/8, ${bad}`);
    expect(parse).toThrow(/^PIGEON_ALLOWED_NETWORKS must be a comma-separated list of IP addresses or CIDR ranges/);
    expect(parse).toThrow(`; "${bad}" is not one`);
  });
});

describe("isAddressAllowed", () => {
  it("lets public unicast addresses through", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"]) {
      expect(isAddressAllowed(ip, none), ip).toBe(true);
    }
  });

  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.255.254", "a loopback address"],
    ["10.0.0.1", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.1.1", "a private address"],
    ["169.254.169.254", "a link-local address (the cloud metadata service)"],
    ["169.254.0.1", "a link-local address"],
    ["100.64.0.1", "a carrier-grade NAT (shared) address"],
    ["0.0.0.0", "an unspecified address"],
    ["0.1.2.3", "an unspecified address"],
    ["255.255.255.255", "the broadcast address"],
    ["224.0.0.1", "a multicast address"],
    ["239.255.255.250", "a multicast address"],
    ["240.0.0.1", "a reserved or documentation address"],
    ["192.0.2.1", "a reserved or documentation address"],
    ["198.18.0.1", "a reserved or documentation address"],
    ["192.0.0.8", "a reserved or documentation address"],
    ["::1", "a loopback address"],
    ["::", "an unspecified address"],
    ["fc00::1", "a unique-local (private) address"],
    ["fd12:3456:789a::1", "a unique-local (private) address"],
    ["fe80::1", "a link-local address"],
    ["fe80::1%eth0", "a link-local address"],
    ["fec0::1", "a site-local (private) address"],
    ["ff02::1", "a multicast address"],
    ["2001:db8::1", "a reserved or documentation address"],
    ["2001:2::1", "a benchmarking address"],
    ["2001::1", "a Teredo tunnel address"],
    ["64:ff9b:1::a00:1", "a local-use NAT64 address"],
    ["::7f00:1", "a deprecated IPv4-compatible IPv6 address"],
    ["::8.8.8.8", "a deprecated IPv4-compatible IPv6 address"],
    ["::808:808", "a deprecated IPv4-compatible IPv6 address"],
    ["100::1", "a discard-only address"],
  ])("blocks %s as %s", (ip, reason) => {
    expect(isAddressAllowed(ip, none)).toBe(false);
    expect(blockedReason(ip, none)).toBe(reason);
  });

  it("judges IPv6 forms that embed an IPv4 address by that address", () => {
    const cases: [string, string | undefined][] = [
      ["::ffff:127.0.0.1", "a loopback address (127.0.0.1 inside an IPv4-mapped IPv6 address)"],
      ["::ffff:7f00:1", "a loopback address (127.0.0.1 inside an IPv4-mapped IPv6 address)"],
      ["::ffff:169.254.169.254", "a link-local address (the cloud metadata service) (169.254.169.254 inside an IPv4-mapped IPv6 address)"],
      ["::ffff:8.8.8.8", undefined],
      ["::ffff:0:10.0.0.1", "a private address (10.0.0.1 inside an IPv4-translated IPv6 address)"],
      ["::ffff:0:8.8.8.8", undefined],
      ["2002:a00:1::1", "a private address (10.0.0.1 inside a 6to4 IPv6 address)"],
      ["2002:c0a8:101::", "a private address (192.168.1.1 inside a 6to4 IPv6 address)"],
      ["2002:808:808::1", undefined],
      ["64:ff9b::10.0.0.1", "a private address (10.0.0.1 inside a NAT64 IPv6 address)"],
      ["64:ff9b::7f00:1", "a loopback address (127.0.0.1 inside a NAT64 IPv6 address)"],
      ["64:ff9b::8.8.8.8", undefined],
    ];
    for (const [ip, reason] of cases) expect(blockedReason(ip, none), ip).toBe(reason);
  });

  it("lets allow-listed ranges through, including their IPv4-mapped forms", () => {
    const allow = parseAllowedNetworks("127.0.0.0/8,::1/128,10.1.2.3,fd00::/8");
    for (const ip of ["127.0.0.1", "127.9.9.9", "::1", "10.1.2.3", "fd00::5", "::ffff:127.0.0.1"]) {
      expect(isAddressAllowed(ip, allow), ip).toBe(true);
    }
    for (const ip of ["10.1.2.4", "192.168.1.1", "fc00::1", "169.254.169.254", "::ffff:10.1.2.4"]) {
      expect(isAddressAllowed(ip, allow), ip).toBe(false);
    }
  });

  it("blocks anything that is not a plain IP address", () => {
    for (const ip of ["", "localhost", "127.1", "0x7f.0.0.1", "2130706433", "[::1]", "1.2.3.4/32"]) {
      expect(isAddressAllowed(ip, none), ip).toBe(false);
    }
  });
});

describe("assertAddressAllowed", () => {
  it("throws a BlockedAddressError naming the address, and accepts bracketed IPv6", () => {
    expect(() => assertAddressAllowed("8.8.8.8", none)).not.toThrow();
    expect(() => assertAddressAllowed("10.0.0.1", none)).toThrow(new BlockedAddressError("10.0.0.1", "a private address"));
    try {
      assertAddressAllowed("[::1]", none);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BlockedAddressError);
      expect((error as BlockedAddressError).code).toBe("EPIGEON_BLOCKED");
      expect((error as Error).message).toBe("connection to ::1 blocked: a loopback address is not publicly reachable");
    }
  });
});
