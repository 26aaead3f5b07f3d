/** IPv4/IPv6 parsing and CIDR membership for cidrMatch and `ip` fields. */

/** An address as 16 bytes (IPv4 mapped into ::ffff:0:0/96). */
export type IpBytes = Uint8Array;

export interface Cidr {
  bytes: IpBytes;
  prefix: number;
}

function parseV4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** Parses an IPv4 or IPv6 address; null when it is not one. */
export function parseIp(s: string): IpBytes | null {
  const bytes = new Uint8Array(16);
  const v4 = parseV4(s);
  if (v4) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    bytes.set(v4, 12);
    return bytes;
  }
  if (!s.includes(":")) return null;
  let text = s;
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  const maybeV4 = parseV4(text.slice(lastColon + 1));
  if (maybeV4) {
    tail = [(maybeV4[0] << 8) | maybeV4[1], (maybeV4[2] << 8) | maybeV4[3]];
    text = text.slice(0, lastColon + 1) + "0";
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const group = (h: string) => (h === "" ? [] : h.split(":"));
  const head = group(halves[0]);
  const rest = halves.length === 2 ? group(halves[1]) : [];
  const words: number[] = [];
  for (const g of [...head, ...rest]) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
  const total = head.length + rest.length;
  if (halves.length === 1 && total !== 8) return null;
  if (halves.length === 2 && total > 7) return null;
  words.push(...head.map((g) => parseInt(g, 16)));
  for (let i = 0; i < 8 - total; i++) words.push(0);
  words.push(...rest.map((g) => parseInt(g, 16)));
  if (tail.length) words.splice(6, 2, ...tail);
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  return bytes;
}

const cidrCache = new Map<string, Cidr | null>();

/** Parses `addr/prefix` (a bare address is a /32 or /128); networks written in rules are parsed once. */
export function parseCidr(s: string): Cidr | null {
  let c = cidrCache.get(s);
  if (c === undefined) {
    c = parseCidrUncached(s);
    if (cidrCache.size < 10_000) cidrCache.set(s, c);
  }
  return c;
}

function parseCidrUncached(s: string): Cidr | null {
  const slash = s.indexOf("/");
  const addr = slash >= 0 ? s.slice(0, slash) : s;
  const bytes = parseIp(addr);
  if (!bytes) return null;
  const isV4 = parseV4(addr) !== null;
  const max = isV4 ? 32 : 128;
  const prefixText = slash >= 0 ? s.slice(slash + 1) : String(max);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > max) return null;
  return { bytes, prefix: isV4 ? prefix + 96 : prefix };
}

/** True when the address lies in the network. */
export function ipInCidr(ip: IpBytes, cidr: Cidr): boolean {
  let bits = cidr.prefix;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip[i] & mask) !== (cidr.bytes[i] & mask)) return false;
  }
  return true;
}
