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

/** ipv4Value results that are not an address. */
const NOT_DOTTED = -1;
const REJECTED = -2;

/**
 * The value of "a.b.c.d" (four groups of 1-3 ASCII digits); NOT_DOTTED for text of another shape,
 * REJECTED for a group over 255 or with a leading zero (as Go's net.ParseIP). A scan by hand: this
 * runs for every address of every NAD, and a capturing regex cost several times more.
 */
function ipv4Value(text: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let groups = 0;
  let rejected = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; // a dot after the end closes the last group
    if (c >= 48 && c <= 57) {
      if (digits === 3) return NOT_DOTTED;
      if (digits === 1 && part === 0) rejected = true;
      part = part * 10 + (c - 48);
      digits += 1;
    } else if (c === 46 && digits > 0 && groups < 4) {
      if (part > 255) rejected = true;
      value = value * 256 + part;
      groups += 1;
      part = 0;
      digits = 0;
    } else {
      return NOT_DOTTED;
    }
  }
  if (groups !== 4) return NOT_DOTTED;
  return rejected ? REJECTED : value;
}

/** An address without prefix → family and value; IPv4 by hand (hot path), IPv6 via ip-address. */
function parseAddress(text: string): Ip | undefined {
  const v4 = ipv4Value(text);
  if (v4 >= 0) return { family: 4, value: BigInt(v4) };
  if (v4 === REJECTED) return undefined;
  if (!text.includes(':') || text.includes('%') || text.includes('/')) return undefined;
  try {
    return { family: 6, value: new Address6(text).bigInt() };
  } catch {
    return undefined;
  }
}

/**
 * Rules parse the same strings several times; results are immutable, so remember them (bounded).
 * One map per kind, keyed by the text itself: a prefixed key would be a new string to hash on
 * every call, where the config's own strings keep their hash.
 */
const addresses = new Map<string, Ip | null>();
const cidrs = new Map<string, Cidr | null>();
function remembered<T extends Ip | Cidr>(memo: Map<string, T | null>, key: string, compute: () => T | undefined): T | undefined {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size > 50_000) memo.clear();
    v = compute() ?? null;
    memo.set(key, v);
  }
  return v ?? undefined;
}

/** A bare address ("10.0.0.1", "fd00::1"); undefined for anything else, CIDRs included. */
export function parseIp(text: unknown): Ip | undefined {
  if (typeof text !== 'string') return undefined;
  return remembered(addresses, text, () => parseAddress(text.trim()));
}

/** A CIDR ("10.0.0.0/24"); the prefix is required. */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  return remembered(cidrs, text, () => computeCidr(text));
}

function computeCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(trimmed.slice(slash + 1))) return undefined;
  const ip = parseAddress(trimmed.slice(0, slash));
  if (ip === undefined) return undefined;
  const prefix = Number(trimmed.slice(slash + 1));
  const bits = ip.family === 4 ? 32 : 128;
  if (prefix > bits) return undefined;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const first = ip.value & ~hostMask;
  return { family: ip.family, prefix, first, last: first | hostMask, hostBits: ip.value !== first, text: trimmed };
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
 * start. Each item carries an owner; pairs of the same owner are skipped. At most `maxPerItem`
 * pairs are kept per later item (so 10,000 copies of one range cannot produce 50 million pairs);
 * `dropped` counts the rest per item.
 */
export function overlappingPairs<T, I extends { owner: T; interval: Interval }>(items: readonly I[], maxPerItem = Number.POSITIVE_INFINITY): { pairs: Array<[I, I]>; dropped: Map<I, number> } {
  const pairs: Array<[I, I]> = [];
  const dropped = new Map<I, number>();
  for (const family of [4, 6] as const) {
    const sorted = items.filter((i) => i.interval.family === family).sort((a, b) => (a.interval.first < b.interval.first ? -1 : a.interval.first > b.interval.first ? 1 : 0));
    let active: I[] = [];
    for (const item of sorted) {
      active = active.filter((a) => a.interval.last >= item.interval.first);
      let kept = 0;
      for (const other of active) {
        if (other.owner === item.owner) continue;
        if (kept < maxPerItem) {
          pairs.push([other, item]);
          kept += 1;
        } else {
          dropped.set(item, (dropped.get(item) ?? 0) + 1);
        }
      }
      active.push(item);
    }
  }
  return { pairs, dropped };
}
