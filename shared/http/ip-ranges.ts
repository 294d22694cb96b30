/**
 * Which IP addresses are public: parsers for IPv4 (every form the WHATWG URL parser accepts:
 * decimal, octal, hex, fewer than four parts) and IPv6 (`::`, an embedded dotted quad), and the
 * ranges that no outside caller may make us reach.
 */

/** An IPv4 address as a 32-bit number, or null when `text` is not one in any form a URL accepts. */
export function parseIpv4(text: string): number | null {
  const parts = text.replace(/\.$/, "").split(".");
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(part)) n = part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) n = Number.parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) n = Number(part);
    else return null;
    numbers.push(n);
  }
  const last = numbers.pop() ?? 0;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return null;
  return numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), 0) + last;
}

/** An IPv6 address as its eight 16-bit groups, or null. Zone ids (`%eth0`) are refused. */
export function parseIpv6(text: string): number[] | null {
  let s = text.replace(/^\[|\]$/g, "").toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(s)) return null;
  // A trailing dotted quad (::ffff:127.0.0.1) is the last two groups written in decimal.
  const quad = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (quad?.[1]) {
    const octets = quad[1].split(".").map(Number);
    if (octets.some((o) => o > 255)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    s = `${s.slice(0, quad.index + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string | undefined) => (h ? h.split(":") : []);
  const head = groups(halves[0]);
  const rest = groups(halves[1]);
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const gap = 8 - head.length - rest.length;
  if (halves.length === 1 ? gap !== 0 : gap < 1) return null;
  const hex = (g: string) => Number.parseInt(g, 16);
  return [...head.map(hex), ...Array<number>(halves.length === 2 ? gap : 0).fill(0), ...rest.map(hex)];
}

/** [first address, prefix length] of every IPv4 range that is not the public internet. */
const NON_PUBLIC_V4: readonly [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata at 169.254.169.254
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

const inRange = (address: number, [first, prefix]: readonly [string, number]) => {
  const base = parseIpv4(first) ?? 0;
  const size = 2 ** (32 - prefix);
  return address >= base && address < base + size;
};

export function isPublicIpv4(address: number): boolean {
  return !NON_PUBLIC_V4.some((range) => inRange(address, range));
}

/**
 * Public IPv6 is global unicast (2000::/3) outside the special blocks. Everything else is refused,
 * which takes in loopback, unspecified, IPv4-mapped and -compatible, NAT64, unique-local (fc00::/7),
 * link-local (fe80::/10) and multicast; 6to4 and Teredo embed an IPv4 address and are refused whole.
 */
export function isPublicIpv6(groups: readonly number[]): boolean {
  const [a = 0, b = 0] = groups;
  if ((a & 0xe000) !== 0x2000) return false;
  if (a === 0x2001 && b < 0x0200) return false; // IETF protocol assignments, Teredo
  if (a === 0x2001 && b === 0x0db8) return false; // documentation
  if (a === 0x2002) return false; // 6to4
  if (a === 0x3fff && b < 0x1000) return false; // documentation
  return true;
}

/** True for a textual IPv4 or IPv6 address on the public internet; false for anything else. */
export function isPublicAddress(text: string): boolean {
  const v4 = /^\d+\.\d+\.\d+\.\d+$/.test(text) ? parseIpv4(text) : null;
  if (v4 !== null) return isPublicIpv4(v4);
  const v6 = parseIpv6(text);
  return v6 !== null && isPublicIpv6(v6);
}
