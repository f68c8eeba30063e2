/**
 * The address side of a NAD: every IPAM block (host-local, whereabouts, static, dhcp, …) with its
 * subnets, ranges, gateways, static addresses and routes, each with its path for findings.
 */
import { isObject } from './config.js';
import { parseCidr, parseIp, type Interval } from './ip.js';
import type { LintTarget } from './target.js';
import type { JsonObject, Path } from './types.js';

export interface RangeSpec {
  /** The object holding subnet/rangeStart/rangeEnd/gateway. */
  path: Path;
  subnetKey: string;
  subnet?: unknown;
  startKey: string;
  start?: unknown;
  endKey: string;
  end?: unknown;
  gateway?: unknown;
}

export interface RouteSpec {
  path: Path;
  dst?: unknown;
}

export interface IpamView {
  path: Path;
  type?: string;
  config: JsonObject;
  ranges: RangeSpec[];
  /** static: addresses[].address */
  addresses: Array<{ path: Path; address?: unknown; gateway?: unknown }>;
  routes: RouteSpec[];
}

function hostLocalRanges(ipam: JsonObject, path: Path): RangeSpec[] {
  const out: RangeSpec[] = [];
  const keys = { subnetKey: 'subnet', startKey: 'rangeStart', endKey: 'rangeEnd' };
  if (ipam.subnet !== undefined) out.push({ path, ...keys, subnet: ipam.subnet, start: ipam.rangeStart, end: ipam.rangeEnd, gateway: ipam.gateway });
  if (Array.isArray(ipam.ranges)) {
    ipam.ranges.forEach((set, i) => {
      const list = Array.isArray(set) ? set : [set];
      list.forEach((r, j) => {
        if (isObject(r)) out.push({ path: [...path, 'ranges', i, ...(Array.isArray(set) ? [j] : [])], ...keys, subnet: r.subnet, start: r.rangeStart, end: r.rangeEnd, gateway: r.gateway });
      });
    });
  }
  return out;
}

function whereaboutsRanges(ipam: JsonObject, path: Path): RangeSpec[] {
  const keys = { subnetKey: 'range', startKey: 'range_start', endKey: 'range_end' };
  const out: RangeSpec[] = [];
  if (ipam.range !== undefined) {
    // "10.0.0.10-10.0.0.20/24" carries its own start and end.
    const dash = typeof ipam.range === 'string' ? /^([^-/]+)-([^/]+)\//.exec(ipam.range) : null;
    out.push({ path, ...keys, subnet: ipam.range, start: ipam.range_start ?? dash?.[1], end: ipam.range_end ?? dash?.[2], gateway: ipam.gateway });
  }
  if (Array.isArray(ipam.ipRanges)) {
    ipam.ipRanges.forEach((r, i) => {
      if (isObject(r)) out.push({ path: [...path, 'ipRanges', i], ...keys, subnet: r.range, start: r.range_start, end: r.range_end, gateway: r.gateway });
    });
  }
  return out;
}

const viewCache = new WeakMap<LintTarget, IpamView[]>();

/** Every IPAM block of a NAD's plugins (computed once per target). */
export function ipamViews(target: LintTarget): IpamView[] {
  let views = viewCache.get(target);
  if (views === undefined) {
    views = computeViews(target);
    viewCache.set(target, views);
  }
  return views;
}

function computeViews(target: LintTarget): IpamView[] {
  const views: IpamView[] = [];
  for (const plugin of target.plugins) {
    const ipam = plugin.config.ipam;
    if (!isObject(ipam)) continue;
    const path = [...plugin.path, 'ipam'];
    const type = typeof ipam.type === 'string' ? ipam.type : undefined;
    const ranges = type === 'host-local' ? hostLocalRanges(ipam, path) : type === 'whereabouts' ? whereaboutsRanges(ipam, path) : [];
    const addresses = type === 'static' && Array.isArray(ipam.addresses)
      ? ipam.addresses.map((a, i) => ({ path: [...path, 'addresses', i], address: isObject(a) ? a.address : a, gateway: isObject(a) ? a.gateway : undefined }))
      : [];
    const routes = Array.isArray(ipam.routes) ? ipam.routes.map((r, i) => ({ path: [...path, 'routes', i], dst: isObject(r) ? r.dst : undefined })) : [];
    views.push({ path, type, config: ipam, ranges, addresses, routes });
  }
  return views;
}

/** A whereabouts range may be written "10.0.0.10-10.0.0.20/24": the CIDR part is after the dash. */
export function subnetText(range: RangeSpec): unknown {
  if (range.subnetKey === 'range' && typeof range.subnet === 'string' && range.subnet.includes('-')) {
    const [from, rest] = range.subnet.split('-', 2) as [string, string];
    const slash = rest.indexOf('/');
    return slash < 0 ? range.subnet : `${from}${rest.slice(slash)}`;
  }
  return range.subnet;
}

const allocCache = new WeakMap<RangeSpec, Interval | null>();

/** The addresses an IPAM range hands out (host-local skips the network and broadcast address). */
export function allocatable(range: RangeSpec): Interval | undefined {
  let v = allocCache.get(range);
  if (v === undefined) {
    v = computeAllocatable(range) ?? null;
    allocCache.set(range, v);
  }
  return v ?? undefined;
}

function computeAllocatable(range: RangeSpec): Interval | undefined {
  const subnet = parseCidr(subnetText(range));
  if (subnet === undefined) return undefined;
  const small = subnet.family === 4 ? subnet.prefix >= 31 : subnet.prefix >= 127;
  let first = small ? subnet.first : subnet.first + 1n;
  let last = small || subnet.family === 6 ? subnet.last : subnet.last - 1n;
  const start = parseIp(range.start);
  const end = parseIp(range.end);
  if (start?.family === subnet.family) first = start.value;
  if (end?.family === subnet.family) last = end.value;
  return first <= last ? { family: subnet.family, first, last } : undefined;
}

/** Every subnet a NAD gives pods addresses from: ranges and static addresses. */
export function nadSubnets(target: LintTarget): Array<{ path: Path; text: string; interval: Interval }> {
  const out: Array<{ path: Path; text: string; interval: Interval }> = [];
  for (const view of ipamViews(target)) {
    for (const r of view.ranges) {
      const c = parseCidr(subnetText(r));
      if (c) out.push({ path: [...r.path, r.subnetKey], text: c.text, interval: c });
    }
    for (const a of view.addresses) {
      const c = parseCidr(a.address);
      if (c) out.push({ path: [...a.path, 'address'], text: c.text, interval: c });
    }
  }
  return out;
}
