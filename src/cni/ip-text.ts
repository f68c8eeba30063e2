/**
 * IP addresses and CIDRs in Go's canonical text (net.IP.String, net.IPNet.String as libcni's
 * types.IPNet prints them: host bits kept): IPv6 lower-case with the longest zero run (two groups
 * or more, leftmost on a tie) compressed, IPv4-mapped IPv6 printed as IPv4.
 */
import { isIPv4 } from 'node:net';

/** The 8 groups of an IPv6 address, or undefined. */
function v6Groups(text: string): number[] | undefined {
  if (text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i += 1) {
      const p = pieces[i]!;
      if (i === pieces.length - 1 && p.includes('.')) {
        if (!isIPv4(p)) return undefined;
        const [a, b, c, d] = p.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const fill = 8 - head.length - tail.length;
  if (fill < 1) return undefined;
  return [...head, ...new Array<number>(fill).fill(0), ...tail];
}

function isMapped(g: number[]): boolean {
  return g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
}

function v6Text(g: number[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j += 1;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** Go's ParseIP + String; undefined when Go would not parse it. */
export function canonicalIp(text: string): string | undefined {
  if (isIPv4(text)) return text.split('.').map(Number).join('.');
  const g = v6Groups(text);
  if (!g) return undefined;
  if (isMapped(g)) return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  return v6Text(g);
}

/** Go's ParseCIDR (IP kept, not masked) + IPNet.String; undefined when Go would not parse it. */
export function canonicalCidr(text: string): string | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash);
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText)) return undefined;
  const len = Number(lenText);
  if (isIPv4(addr)) return len <= 32 ? `${canonicalIp(addr)}/${len}` : undefined;
  const g = v6Groups(addr);
  if (!g || len > 128) return undefined;
  if (isMapped(g)) return `${canonicalIp(addr)}/${Math.max(0, len - 96)}`;
  return `${v6Text(g)}/${len}`;
}

/** 4 or 6 as Go's To4() decides (IPv4-mapped IPv6 is 4); 0 when not an address/CIDR. */
export function ipFamily(text: string): 0 | 4 | 6 {
  const addr = text.includes('/') ? text.slice(0, text.indexOf('/')) : text;
  if (isIPv4(addr)) return 4;
  const g = v6Groups(addr);
  if (!g) return 0;
  return isMapped(g) ? 4 : 6;
}
