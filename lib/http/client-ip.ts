import { isIP } from "node:net";
import { env } from "@/lib/env";
import { log } from "@/lib/ops/log";

// Next.js gives route handlers no socket, and fills X-Forwarded-For from the socket only
// when the client sent none, so a client could name any address it likes. The request
// guard (request-guard.ts) therefore stamps each request with the address of the
// connection's other end, overwriting whatever a client sent under that name.
export const PEER_HEADER = "x-pigeon-peer";

const store = globalThis as unknown as { __pigeonRequestGuard?: boolean; __pigeonPeerWarned?: boolean };

/** Marks the request guard as installed in this process (it alone may set PEER_HEADER). */
export function markPeerHeaderTrusted(): void {
  store.__pigeonRequestGuard = true;
}

/** `::ffff:10.0.0.1` → `10.0.0.1`: one spelling per client in limits and the audit log. */
export function normalizeAddress(address: string | undefined): string | undefined {
  return address?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

/**
 * The client's address: the connection's, unless PIGEON_TRUSTED_PROXIES says how many
 * proxies in front of Pigeon append to X-Forwarded-For; then the entry the outermost
 * trusted proxy wrote. Entries further left were written by the client and are ignored.
 */
export function clientIp(headers: Headers): string {
  if (!store.__pigeonRequestGuard) {
    if (!store.__pigeonPeerWarned) log().warn("the request guard is not installed in this process; client addresses are unknown");
    store.__pigeonPeerWarned = true;
    return "unknown";
  }
  const peer = headers.get(PEER_HEADER) ?? "unknown";
  const hops = env().PIGEON_TRUSTED_PROXIES;
  if (hops === 0) return peer;
  const chain = [
    ...(headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
    peer,
  ];
  const chosen = normalizeAddress(chain[Math.max(0, chain.length - 1 - hops)]);
  return chosen && isIP(chosen) ? chosen : peer;
}
