/**
 * NAD007: IPAM sanity: subnets are CIDRs, ranges lie inside them with start ≤ end, gateways are in
 * the subnet and outside an explicit range, static has addresses, routes are CIDRs, and host-local
 * or whereabouts ranges do not overlap within a NAD or between the NADs of one run.
 */
import { allocatable, ipamViews, subnetText, type IpamView, type RangeSpec } from '../ipam.js';
import { contains, formatInterval, overlap, overlappingPairs, parseCidr, parseIp, type Interval } from '../ip.js';
import type { LintTarget } from '../target.js';
import type { Rule, RuleContext, RuleFinding } from './rule.js';

function checkRange(r: RangeSpec, type: string, out: RuleFinding[]): void {
  const subnetValue = subnetText(r);
  const subnet = parseCidr(subnetValue);
  if (subnet === undefined) {
    out.push({ path: [...r.path, r.subnetKey], message: `${r.subnetKey} ${JSON.stringify(r.subnet ?? null)} is not a CIDR`, hint: 'write it as address/prefix, e.g. "10.10.0.0/24"' });
    return;
  }
  if (subnet.hostBits && type !== 'whereabouts') {
    out.push({ level: 'warning', path: [...r.path, r.subnetKey], message: `${r.subnetKey} ${subnet.text} has host bits set; ${type} uses ${formatInterval({ ...subnet, last: subnet.first })}/${subnet.prefix}`, hint: 'write the network address' });
  }
  if ((subnet.family === 4 && subnet.prefix > 30) || (subnet.family === 6 && subnet.prefix > 126)) {
    out.push({ path: [...r.path, r.subnetKey], message: `${r.subnetKey} ${subnet.text} is too small to allocate from`, hint: 'use a shorter prefix (at most /30 for IPv4)' });
  }
  const bounds: Array<['start' | 'end', string, unknown]> = [['start', r.startKey, r.start], ['end', r.endKey, r.end]];
  const parsed: Record<'start' | 'end', ReturnType<typeof parseIp>> = { start: undefined, end: undefined };
  for (const [which, key, value] of bounds) {
    if (value === undefined) continue;
    const ip = parseIp(value);
    if (ip === undefined) {
      out.push({ path: [...r.path, key], message: `${key} ${JSON.stringify(value)} is not an IP address` });
    } else if (!contains(subnet, ip)) {
      out.push({ path: [...r.path, key], message: `${key} ${value as string} is outside ${r.subnetKey} ${subnet.text}`, hint: `pick an address between ${formatInterval(subnet)}` });
    } else {
      parsed[which] = ip;
    }
  }
  if (parsed.start && parsed.end && parsed.start.value > parsed.end.value) {
    out.push({ path: [...r.path, r.startKey], message: `${r.startKey} ${r.start as string} is after ${r.endKey} ${r.end as string}`, hint: 'swap them' });
  }
  const rawStart = parseIp(r.start);
  const rawEnd = parseIp(r.end);
  if (r.gateway !== undefined) {
    const gw = parseIp(r.gateway);
    if (gw === undefined) out.push({ path: [...r.path, 'gateway'], message: `gateway ${JSON.stringify(r.gateway)} is not an IP address` });
    else if (!contains(subnet, gw)) out.push({ path: [...r.path, 'gateway'], message: `gateway ${r.gateway as string} is outside ${r.subnetKey} ${subnet.text}`, hint: 'the gateway must be reachable on this subnet' });
    else if (rawStart?.family === gw.family && rawEnd?.family === gw.family && gw.value >= rawStart.value && gw.value <= rawEnd.value) {
      out.push({ path: [...r.path, 'gateway'], message: `gateway ${r.gateway as string} is inside the range ${r.start as string}-${r.end as string}`, hint: `move ${r.startKey}/${r.endKey} so the range excludes the gateway` });
    }
  }
}

function declaresIps(target: LintTarget): boolean {
  return target.plugins.some((p) => {
    const caps = p.config.capabilities;
    return typeof caps === 'object' && caps !== null && (caps as Record<string, unknown>).ips === true;
  });
}

function checkIpam(target: LintTarget, view: IpamView, out: RuleFinding[]): void {
  if (view.type === undefined) {
    out.push({ path: [...view.path, 'type'], message: 'ipam has no "type"', hint: 'e.g. "host-local", "static", "dhcp" or "whereabouts"' });
    return;
  }
  if ((view.type === 'host-local' || view.type === 'whereabouts') && view.ranges.length === 0) {
    const key = view.type === 'host-local' ? '"subnet" or "ranges"' : '"range"';
    out.push({ path: view.path, message: `${view.type} IPAM without ${key}: it has no addresses to hand out` });
  }
  for (const r of view.ranges) checkRange(r, view.type, out);
  const ranges = view.ranges.map((r) => ({ r, i: allocatable(r) })).filter((x): x is { r: RangeSpec; i: Interval } => x.i !== undefined);
  for (let a = 0; a < ranges.length; a++) {
    for (let b = a + 1; b < ranges.length; b++) {
      if (overlap(ranges[a]!.i, ranges[b]!.i)) out.push({ path: ranges[b]!.r.path, message: `range ${formatInterval(ranges[b]!.i)} overlaps range ${formatInterval(ranges[a]!.i)} of the same IPAM` });
    }
  }
  if (view.type === 'static') {
    if (view.addresses.length === 0 && !declaresIps(target)) {
      out.push({ path: [...view.path, 'addresses'], message: 'static IPAM without "addresses" and no plugin declares the "ips" capability: pods get no address', hint: 'add "addresses": [{"address": "10.1.1.5/24"}] or "capabilities": {"ips": true} and request ips in the pod annotation' });
    }
    for (const a of view.addresses) {
      if (parseCidr(a.address) === undefined) out.push({ path: [...a.path, 'address'], message: `static address ${JSON.stringify(a.address ?? null)} is not a CIDR`, hint: 'static addresses carry their prefix, e.g. "10.1.1.5/24"' });
      if (a.gateway !== undefined && parseIp(a.gateway) === undefined) out.push({ path: [...a.path, 'gateway'], message: `gateway ${JSON.stringify(a.gateway)} is not an IP address` });
    }
  }
  for (const route of view.routes) {
    if (parseCidr(route.dst) === undefined) out.push({ path: [...route.path, 'dst'], message: `route dst ${JSON.stringify(route.dst ?? null)} is not a CIDR`, hint: 'e.g. "10.0.0.0/8" (a default route is 0.0.0.0/0)' });
  }
}

type Owned = { owner: LintTarget; interval: Interval; path: RangeSpec['path'] };

/** Overlap findings named one by one per range; the rest are counted. */
const MAX_OVERLAPS_PER_RANGE = 5;

/** Cross-NAD overlaps of host-local/whereabouts ranges, computed once per run. */
function overlapIndex(all: readonly LintTarget[]): Map<LintTarget, RuleFinding[]> {
  const items: Owned[] = [];
  for (const t of all) {
    for (const view of ipamViews(t)) {
      if (view.type !== 'host-local' && view.type !== 'whereabouts') continue;
      for (const r of view.ranges) {
        const interval = allocatable(r);
        if (interval) items.push({ owner: t, interval, path: r.path });
      }
    }
  }
  const byTarget = new Map<LintTarget, RuleFinding[]>();
  const add = (t: LintTarget, f: RuleFinding): void => void (byTarget.get(t) ?? byTarget.set(t, []).get(t)!).push(f);
  const { pairs, dropped } = overlappingPairs(items, MAX_OVERLAPS_PER_RANGE);
  for (const [item, n] of dropped) {
    add(item.owner, { level: 'warning', path: item.path, message: `range ${formatInterval(item.interval)} overlaps ${n} more ranges of other NADs`, hint: 'many NADs share this range; give each its own unless they are separate L2 segments' });
  }
  for (const [a, b] of pairs) {
    const hint = 'pods on both networks can get the same address; give each NAD its own range unless they are separate L2 segments';
    add(a.owner, { level: 'warning', path: a.path, message: `range ${formatInterval(a.interval)} overlaps ${b.owner.ref}'s range ${formatInterval(b.interval)}`, hint });
    add(b.owner, { level: 'warning', path: b.path, message: `range ${formatInterval(b.interval)} overlaps ${a.owner.ref}'s range ${formatInterval(a.interval)}`, hint });
  }
  return byTarget;
}

export const nad007: Rule = {
  id: 'NAD007',
  title: 'IPAM subnets, ranges, gateways and addresses are consistent',
  level: 'error',
  run(ctx: RuleContext) {
    const out: RuleFinding[] = [];
    for (const view of ipamViews(ctx.nad)) checkIpam(ctx.nad, view, out);
    if (ctx.all.length > 1) out.push(...(ctx.once('NAD007.overlaps', () => overlapIndex(ctx.all)).get(ctx.nad) ?? []));
    return out;
  },
};
