import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { AppError } from "@/lib/errors";

// SSRF protection. Endpoints are user-supplied URLs fetched from inside our network, so
// only public unicast addresses may be reached unless the operator allow-lists a range.
// checkEndpointUrl rejects bad URLs when they are saved; createGuardedLookup re-checks at
// connect time, because a hostname may resolve differently by then (DNS rebinding).

type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface AllowList {
  readonly networks: readonly [Address, number][];
}

export type LookupAll = (host: string) => Promise<{ address: string; family: number }[]>;

const defaultLookup: LookupAll = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** Parses PIGEON_ALLOWED_NETWORKS, e.g. "127.0.0.0/8,::1/128,10.1.2.3". */
export function parseAllowedNetworks(value: string | undefined): AllowList {
  const entries = (value ?? "").split(",").map((entry) => entry.trim());
  return { networks: entries.filter(Boolean).map(parseNetwork) };
}

function parseNetwork(entry: string): [Address, number] {
  const [address = "", bits, ...rest] = entry.split("/");
  const family = isIP(address);
  const max = family === 4 ? 32 : 128;
  if (!family || rest.length > 0 || (bits !== undefined && (!/^\d{1,3}$/.test(bits) || Number(bits) > max))) {
    throw new Error(
      `PIGEON_ALLOWED_NETWORKS must be a comma-separated list of IP addresses or CIDR ranges ` + `(e.g. 10.0.0.0/8,fd00::/8); "${entry}" is not one`,
    );
  }
  return [ipaddr.parse(address), bits === undefined ? max : Number(bits)];
}

// Plain words for ipaddr.js range names. Names missing here (ipaddr.js adds ranges over
// time) are still blocked: only "unicast" passes.
const RANGE_WORDS: Record<string, string> = {
  unspecified: "an unspecified address",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT (shared) address",
  private: "a private address",
  uniqueLocal: "a unique-local (private) address",
  deprecatedSiteLocal: "a site-local (private) address",
  reserved: "a reserved or documentation address",
  benchmarking: "a benchmarking address",
  teredo: "a Teredo tunnel address",
  rfc6052: "a local-use NAT64 address",
  as112: "an AS112 DNS sink address",
  as112v6: "an AS112 DNS sink address",
  amt: "an AMT relay address",
  discard: "a discard-only address",
};

// IPv6 forms that carry an IPv4 address in a fixed place; the IPv4 address decides.
const EMBEDDINGS: Record<string, { name: string; at: number }> = {
  ipv4Mapped: { name: "an IPv4-mapped", at: 6 },
  rfc6145: { name: "an IPv4-translated", at: 6 },
  "6to4": { name: "a 6to4", at: 1 },
  rfc6052: { name: "a NAT64", at: 6 },
};
// ipaddr.js files both NAT64 prefixes under "rfc6052"; only the well-known /96 puts the
// IPv4 address at a fixed place, so the local-use 64:ff9b:1::/48 stays blocked.
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR("64:ff9b::/96");
// Deprecated IPv4-compatible form (::a.b.c.d), which ipaddr.js calls plain "unicast".
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR("::/96");
const METADATA = ipaddr.IPv4.parse("169.254.169.254");

// ipaddr.js reads "::a.b.c.d" as "::ffff:a.b.c.d"; spelling the dotted tail in hex first
// keeps the IPv4-compatible form (which glibc prints that way) from passing as mapped.
function parseAddress(ip: string): Address {
  const hex = (a: string, b: string) => ((Number(a) << 8) | Number(b)).toString(16);
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)(?=%|$)/;
  return ipaddr.parse(isIP(ip) === 6 ? ip.replace(dotted, (_, a, b, c, d) => `${hex(a, b)}:${hex(c, d)}`) : ip);
}

/** Why connecting to `ip` is not allowed, in plain words, or undefined when it is. */
export function blockedReason(ip: string, allow: AllowList): string | undefined {
  if (!isIP(ip)) return "an invalid IP address";
  const address = parseAddress(ip);
  if (ipaddr.subnetMatch(address, { allowed: [...allow.networks] }, "") === "allowed") return undefined;
  const range: string = address.range();
  if (address instanceof ipaddr.IPv6) {
    const embedding = EMBEDDINGS[range];
    if (embedding && (range !== "rfc6052" || address.match(NAT64_WELL_KNOWN))) {
      const [hi = 0, lo = 0] = address.parts.slice(embedding.at, embedding.at + 2);
      const inner = ipaddr.fromByteArray([hi >> 8, hi & 255, lo >> 8, lo & 255]).toString();
      const reason = blockedReason(inner, allow);
      return reason && `${reason} (${inner} inside ${embedding.name} IPv6 address)`;
    }
    if (range === "unicast" && address.match(IPV4_COMPATIBLE)) return "a deprecated IPv4-compatible IPv6 address";
  }
  if (range === "unicast") return undefined;
  if (address instanceof ipaddr.IPv4 && address.match(METADATA, 32)) {
    return "a link-local address (the cloud metadata service)";
  }
  return RANGE_WORDS[range] ?? `a special-purpose address (${range})`;
}

export function isAddressAllowed(ip: string, allow: AllowList): boolean {
  return blockedReason(ip, allow) === undefined;
}

/**
 * Raised when a connection would reach an address that is not allowed. Its message ends up
 * in the attempt log, which every member may read: it names an address only when the URL
 * itself holds it, never what a name resolved to (that would map the internal network).
 */
export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
  readonly code = "EPIGEON_BLOCKED";
  constructor(
    readonly address: string,
    readonly reason: string,
    readonly hostname?: string,
  ) {
    super(
      hostname && hostname !== address
        ? `connection to ${hostname} blocked: the name resolves to an address that is not publicly reachable`
        : `connection to ${address} blocked: ${reason} is not publicly reachable`,
    );
  }
}

/**
 * Throws BlockedAddressError unless `ip` may be connected to. Node skips the `lookup`
 * hook for IP-literal hosts, so callers check literal hosts with this before connecting.
 */
export function assertAddressAllowed(ip: string, allow: AllowList): void {
  const bare = ip.replace(/^\[(.*)\]$/, "$1");
  const reason = blockedReason(bare, allow);
  if (reason) throw new BlockedAddressError(bare, reason);
}

const PUBLIC_ONLY = "endpoints must be reachable on the public internet";

/**
 * Validates an endpoint URL before it is saved; rejections are user-facing 422s. A refusal
 * names an address only when the URL holds it: what a host name resolves to stays unsaid,
 * or the form would answer questions about the internal network.
 */
export async function checkEndpointUrl(url: string, options: { httpsOnly: boolean; allow: AllowList; lookup?: LookupAll }): Promise<void> {
  const reject = (msg: string) => new AppError("validation", `url: ${msg}`, { detail: [{ loc: ["body", "url"], msg, type: "value_error" }] });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw reject(`"${url}" is not a valid absolute URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw reject(`must start with http:// or https:// (got "${parsed.protocol}")`);
  }
  if (options.httpsOnly && parsed.protocol === "http:") {
    throw reject("must use https://; plain http is turned off on this server");
  }
  if (parsed.username || parsed.password) {
    throw reject("must not contain a username or password; send credentials in headers instead");
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host)) {
    const reason = blockedReason(host, options.allow);
    if (reason) throw reject(`"${parsed.href}" is not allowed: ${host} is ${reason}; ${PUBLIC_ONLY}`);
    return;
  }
  const found = await (options.lookup ?? defaultLookup)(host).catch(() => []);
  if (found.length === 0) throw reject(`host "${host}" could not be resolved`);
  if (found.some(({ address }) => blockedReason(address, options.allow))) {
    throw reject(`"${parsed.href}" is not allowed: ${PUBLIC_ONLY}`);
  }
}

/**
 * A `lookup` for undici's `Agent({ connect: { lookup } })` (passed on to net/tls.connect)
 * that refuses to hand out an address that is not allowed. When any address the socket
 * might try is blocked, the whole lookup fails with code EPIGEON_BLOCKED.
 */
export function createGuardedLookup(allow: AllowList, resolve: LookupAll = defaultLookup): LookupFunction {
  return (hostname, options, callback) => {
    const literal = isIP(hostname);
    const found = Promise.resolve().then(() => (literal ? [{ address: hostname, family: literal }] : resolve(hostname)));
    const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : (options.family ?? 0);
    found.then(
      (entries) => {
        const candidates = entries.filter((entry) => family === 0 || entry.family === family);
        const first = candidates[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = "ENOTFOUND";
          return callback(error, "");
        }
        for (const { address } of candidates) {
          const reason = blockedReason(address, allow);
          if (reason) return callback(new BlockedAddressError(address, reason, hostname), "");
        }
        if (options.all) callback(null, candidates);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
