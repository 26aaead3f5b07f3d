/**
 * Where connectors may send. A connector's URL must be http(s), carry no credentials, and name a
 * host of VIGIL_CONNECTOR_ALLOWED_HOSTS when that list is set (entries: `jira.example.com`, or
 * `.example.com` for any host under it). Whatever the name, the address it resolves to is checked
 * when the connection is made — the check and the connection use the same lookup, so a name that
 * resolves to something else a moment later (DNS rebinding) does not pass: link-local addresses
 * (169.254/16, fe80::/10, where cloud metadata services live), the metadata addresses themselves,
 * unspecified, multicast and broadcast are refused. Private and loopback addresses are allowed:
 * ticketing on the internal network is normal on premises.
 */
import dns from "node:dns";
import net from "node:net";
import { Agent } from "undici";
import { z } from "zod";
import { config } from "../config";

const REFUSED = new net.BlockList();
REFUSED.addSubnet("169.254.0.0", 16, "ipv4"); // link-local, AWS/GCP/Azure/OpenStack metadata
REFUSED.addSubnet("0.0.0.0", 8, "ipv4");
REFUSED.addSubnet("224.0.0.0", 4, "ipv4"); // multicast
REFUSED.addSubnet("240.0.0.0", 4, "ipv4"); // reserved, broadcast
REFUSED.addAddress("100.100.100.200", "ipv4"); // Alibaba Cloud metadata
REFUSED.addSubnet("fe80::", 10, "ipv6");
REFUSED.addSubnet("ff00::", 8, "ipv6");
REFUSED.addAddress("::", "ipv6");
REFUSED.addAddress("fd00:ec2::254", "ipv6"); // AWS metadata over IPv6

/** Why an address may not be connected to, or null. */
export function refusedAddress(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
  const family = net.isIPv4(mapped) ? "ipv4" : net.isIPv6(mapped) ? "ipv6" : null;
  if (!family) return `${address} is not an IP address`;
  return REFUSED.check(mapped, family) ? `${mapped} is a link-local, metadata, multicast or reserved address` : null;
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return allowed.some((a) => {
    const e = a.toLowerCase();
    return e.startsWith(".") ? h.endsWith(e) || h === e.slice(1) : h === e;
  });
}

/** Why a URL may not be a connector's target, or null. */
export function urlProblem(raw: string, allowed: readonly string[] = config().VIGIL_CONNECTOR_ALLOWED_HOSTS): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return "not a URL";
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return `only http and https are allowed, not ${u.protocol.replace(/:$/, "")}`;
  if (u.username || u.password) return "credentials belong in the connector's secret, not in the URL";
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) {
    const refused = refusedAddress(host);
    if (refused) return refused;
  }
  if (allowed.length && !hostAllowed(host, allowed)) return `${host} is not in VIGIL_CONNECTOR_ALLOWED_HOSTS`;
  return null;
}

/** A connector URL field. */
export const ZConnectorUrl = z.string().superRefine((u, ctx) => {
  const problem = urlProblem(u);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

type Resolve = (hostname: string, options: dns.LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

/** A lookup for connections that refuses the addresses above (`resolve`: the system resolver; tests give their own). */
export function guardedLookup(resolve: Resolve = dns.lookup as unknown as Resolve) {
  return (hostname: string, options: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void) => {
    resolve(hostname, { ...options, all: true }, (err, list) => {
      if (err) return callback(err, "");
      const bad = list.map((a) => refusedAddress(a.address)).find(Boolean);
      if (bad) return callback(Object.assign(new Error(`refused to connect to ${hostname}: ${bad}`), { code: "ECONNREFUSED_POLICY" }), "");
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** A dispatcher whose connections resolve through `guardedLookup`. */
export const guardedAgent = (resolve?: Resolve) => new Agent({ connect: { lookup: guardedLookup(resolve) as never } });

let agent: Agent | null = null;
/** The dispatcher every connector request goes through. */
export const connectorAgent = () => (agent ??= guardedAgent());
