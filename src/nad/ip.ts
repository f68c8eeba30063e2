/** IP and CIDR arithmetic on bigints (ip-address parses), for range and overlap checks. */
import { Address4, Address6 } from 'ip-address';

export type Family = 4 | 6;

export interface Ip {
  family: Family;
  value: bigint;
}

export interface Cidr {
  family: Family;
  prefix: number;
  /** First (network) and last (broadcast) address. */
  first: bigint;
  last: bigint;
  /** True when the address part had host bits set (10.1.1.5/24). */
  hostBits: boolean;
  text: string;
}

/** An inclusive address interval of one family. */
export interface Interval {
  family: Family;
  first: bigint;
  last: bigint;
}

function parse(text: string): Address4 | Address6 | undefined {
  if (text.includes('%')) return undefined;
  try {
    if (text.includes(':')) return new Address6(text);
    if (/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(text)) return new Address4(text);
  } catch {
    return undefined;
  }
  return undefined;
}

/** A bare address ("10.0.0.1", "fd00::1"); undefined for anything else, CIDRs included. */
export function parseIp(text: unknown): Ip | undefined {
  if (typeof text !== 'string' || text.includes('/')) return undefined;
  const a = parse(text.trim());
  if (a === undefined) return undefined;
  return { family: a instanceof Address4 ? 4 : 6, value: a.bigInt() };
}

/** A CIDR ("10.0.0.0/24"); the prefix is required. */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== 'string' || !/\/\d{1,3}$/.test(text.trim())) return undefined;
  const a = parse(text.trim());
  if (a === undefined) return undefined;
  const family: Family = a instanceof Address4 ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  if (a.subnetMask < 0 || a.subnetMask > bits) return undefined;
  const first = a.startAddress().bigInt();
  return { family, prefix: a.subnetMask, first, last: a.endAddress().bigInt(), hostBits: a.bigInt() !== first, text: text.trim() };
}

export function contains(c: Interval, ip: Ip): boolean {
  return c.family === ip.family && ip.value >= c.first && ip.value <= c.last;
}

export function overlap(a: Interval, b: Interval): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

export function formatIp(family: Family, value: bigint): string {
  return family === 4 ? Address4.fromBigInt(value).correctForm() : Address6.fromBigInt(value).correctForm();
}

export function formatInterval(i: Interval): string {
  return i.first === i.last ? formatIp(i.family, i.first) : `${formatIp(i.family, i.first)}-${formatIp(i.family, i.last)}`;
}

/**
 * Pairs of overlapping intervals among many, in O(n log n + pairs): a sweep over intervals sorted by
 * start. Each item carries an owner; pairs of the same owner are skipped.
 */
export function overlappingPairs<T>(items: ReadonlyArray<{ owner: T; interval: Interval }>): Array<[{ owner: T; interval: Interval }, { owner: T; interval: Interval }]> {
  const pairs: Array<[{ owner: T; interval: Interval }, { owner: T; interval: Interval }]> = [];
  for (const family of [4, 6] as const) {
    const sorted = items.filter((i) => i.interval.family === family).sort((a, b) => (a.interval.first < b.interval.first ? -1 : a.interval.first > b.interval.first ? 1 : 0));
    const active: Array<{ owner: T; interval: Interval }> = [];
    for (const item of sorted) {
      for (let k = active.length - 1; k >= 0; k--) if (active[k]!.interval.last < item.interval.first) active.splice(k, 1);
      for (const other of active) if (other.owner !== item.owner) pairs.push([other, item]);
      active.push(item);
    }
  }
  return pairs;
}
