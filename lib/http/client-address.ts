/**
 * The client's address, decided once per request by Vigil's HTTP server (scripts/serve.ts) before
 * Next.js sees the request: the peer of the TCP connection, unless that peer is a configured
 * proxy (VIGIL_TRUSTED_PROXIES: addresses or CIDR ranges), in which case X-Forwarded-For is read
 * from the right, skipping trusted proxies, up to the first address that is not one. A forwarding
 * header from anyone else is ignored, so it can neither bypass a rate limit nor lock out an
 * address of the sender's choosing.
 */
import net from "node:net";

/** The header the server sets (any value a client sends is replaced). */
export const CLIENT_ADDRESS_HEADER = "x-vigil-client-address";

/** `::ffff:10.0.0.1` is 10.0.0.1. */
export function normalizeAddress(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return mapped ? mapped[1] : a;
}

/** A set of addresses and CIDR ranges (IPv4 and IPv6) built from "10.0.0.0/8, 192.168.1.7, ::1". */
export class AddressSet {
  private readonly list = new net.BlockList();
  readonly empty: boolean;

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address, prefix] = entry.split("/");
      const a = normalizeAddress(address);
      const family = net.isIPv4(a) ? "ipv4" : net.isIPv6(a) ? "ipv6" : null;
      if (!family) throw new Error(`'${entry}' is not an IP address or CIDR range`);
      if (prefix === undefined) this.list.addAddress(a, family);
      else {
        const bits = Number(prefix);
        if (!Number.isInteger(bits) || bits < 0 || bits > (family === "ipv4" ? 32 : 128)) throw new Error(`'${entry}' has a bad prefix length`);
        this.list.addSubnet(a, bits, family);
      }
    }
    this.empty = entries.length === 0;
  }

  has(address: string): boolean {
    const a = normalizeAddress(address);
    const family = net.isIPv4(a) ? "ipv4" : net.isIPv6(a) ? "ipv6" : null;
    return family !== null && this.list.check(a, family);
  }
}

/** The client's address for a connection from `peer` carrying `forwardedFor` (X-Forwarded-For, possibly repeated). */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: AddressSet): string | null {
  if (!peer) return null;
  const direct = normalizeAddress(peer);
  if (trusted.empty || !trusted.has(direct) || !forwardedFor) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((h) => normalizeAddress(h))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!net.isIP(hops[i])) return direct; // a malformed hop: trust nothing left of it
    if (!trusted.has(hops[i])) return hops[i];
  }
  return hops[0] ?? direct;
}
