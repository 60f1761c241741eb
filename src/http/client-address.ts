/**
 * Who is asking, for rate limits. The socket's address counts, unless it is a configured trusted
 * proxy: then the right-most `X-Forwarded-For` entry that is not itself a trusted proxy does. A
 * client can put anything in that header, so it is believed only from proxies we know.
 *
 * Addresses are folded to one form per client: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes
 * IPv4, IPv6 is lower-cased, expanded and cut to its /64 (one subscriber usually holds a whole
 * /64, so rotating inside it must not buy new limits).
 */
import { BlockList, isIP } from 'node:net';

export type TrustedProxies = (address: string) => boolean;

/** Builds the trusted-proxy test from `trustedProxies` entries (addresses or CIDRs). */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const plain = unmapped(address);
    const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(plain) === 0) throw new Error(`trustedProxies: "${entry}" is not an address or CIDR`);
    if (bits === undefined) list.addAddress(plain, family);
    else list.addSubnet(plain, Number(bits), family);
  }
  return (address) => {
    const plain = unmapped(address);
    const version = isIP(plain);
    return version !== 0 && list.check(plain, version === 6 ? 'ipv6' : 'ipv4');
  };
}

/** The client's address (for records and limits); null when unknown. */
export function clientIp(
  socketIp: string | null | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies,
): string | null {
  let ip = socketIp ? unmapped(socketIp.trim()) : null;
  if (ip && forwardedFor && trusted(ip)) {
    const hops = forwardedFor.split(',').map((h) => unmapped(h.trim()));
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (isIP(hop) === 0) break;
      ip = hop;
      if (!trusted(hop)) break;
    }
  }
  return ip;
}

/** The bucket a limit counts against: the IPv4 address or the IPv6 /64. */
export function limitKey(ip: string | null): string {
  if (!ip) return 'unknown';
  if (isIP(ip) !== 6) return ip;
  return `${expand(ip).slice(0, 4).join(':')}::/64`;
}

function unmapped(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped ? mapped[1]! : bare;
}

/** The eight hextets of an IPv6 address, lower-case, without leading zeros. */
function expand(ip: string): string[] {
  let address = ip.toLowerCase();
  // A trailing embedded IPv4 (`::1.2.3.4`) becomes two hextets.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    address = `${address.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((h) => Number.parseInt(h || '0', 16).toString(16));
}
