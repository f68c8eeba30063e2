/**
 * The judgements smoke makes, as pure functions over what it read (live interfaces and routes,
 * network-status, a NAD's ranges, host-local's lease directory), so each one is unit tested. Each
 * returns one sentence per problem; an empty list means the check holds.
 */
import type { NetworkStatus } from '../multus/network-status.js';
import type { LiveNetwork } from './live.js';
import { describeRange, inRange, type AddressRange } from './nad-ipam.js';

function bare(address: string): string {
  const slash = address.indexOf('/');
  return (slash < 0 ? address : address.slice(0, slash)).toLowerCase();
}

/** The interface exists, is up and (when the NAD has IPAM) carries an address. */
export function attachmentProblems(live: LiveNetwork, ifname: string, expectAddress: boolean): string[] {
  const iface = live.interfaces.find((i) => i.name === ifname);
  if (iface === undefined) {
    const names = live.interfaces.map((i) => i.name).join(', ') || 'none';
    return [`there is no interface ${ifname} in the pod (it has ${names})`];
  }
  const problems: string[] = [];
  if (!iface.up) problems.push(`${ifname} is down`);
  if (expectAddress && iface.addresses.length === 0) problems.push(`${ifname} has no IP address although the NAD has IPAM`);
  return problems;
}

/** Every address lies in one of the NAD's ranges of the same family. */
export function addressesOutOfRange(ifname: string, addresses: readonly string[], ranges: readonly AddressRange[]): string[] {
  if (ranges.length === 0) return [];
  return addresses
    .filter((a) => !ranges.some((r) => inRange(a, r)))
    .map((a) => `${ifname} has ${a}, outside the NAD's range${ranges.length > 1 ? 's' : ''} ${ranges.map(describeRange).join(', ')}`);
}

/**
 * Each network-status entry names a live interface with the same MAC and the same IPs, and the
 * attachment smoke asked for has an entry at all.
 */
export function statusVsLive(statuses: readonly NetworkStatus[], live: LiveNetwork, expected: ReadonlyArray<{ nadRef: string; interface: string }>): string[] {
  const problems: string[] = [];
  for (const want of expected) {
    if (!statuses.some((s) => s.name === want.nadRef && s.interface === want.interface)) {
      problems.push(`network-status has no entry for ${want.nadRef} on ${want.interface}`);
    }
  }
  for (const status of statuses) {
    if (status.interface === undefined) continue;
    const label = `network-status entry ${status.name} (${status.interface})`;
    const iface = live.interfaces.find((i) => i.name === status.interface);
    if (iface === undefined) {
      problems.push(`${label}: the pod has no interface ${status.interface}`);
      continue;
    }
    if (status.mac !== undefined && iface.mac !== undefined && status.mac.toLowerCase() !== iface.mac.toLowerCase()) {
      problems.push(`${label}: MAC ${status.mac}, but ${iface.name} has ${iface.mac}`);
    }
    const liveIps = new Set(iface.addresses.map(bare));
    const statusIps = new Set((status.ips ?? []).map(bare));
    for (const ip of statusIps) if (!liveIps.has(ip)) problems.push(`${label}: lists ${ip}, which ${iface.name} does not have`);
    for (const ip of liveIps) if (!statusIps.has(ip)) problems.push(`${label}: ${iface.name} has ${ip}, which network-status does not list`);
  }
  return problems;
}

/** There is an IPv4 default route, and every default route leaves by `dev`. */
export function defaultRouteProblems(live: LiveNetwork, dev: string): string[] {
  const problems: string[] = [];
  if (!live.defaultRoutes.some((r) => r.family === 4)) problems.push(`the pod has no IPv4 default route (expected one on ${dev})`);
  for (const route of live.defaultRoutes) {
    if (route.dev === dev) continue;
    problems.push(`an IPv${route.family} default route leaves by ${route.dev ?? 'no device'}${route.gateway ? ` via ${route.gateway}` : ''}, not ${dev}`);
  }
  return problems;
}

/**
 * host-local keeps one file per leased IP in its network's directory (named by the IP, next to
 * `last_reserved_ip.N` and `lock`). Returns the given IPs that still have a lease file.
 */
export function leasesStillHeld(entries: readonly string[] | undefined, ips: readonly string[]): string[] {
  if (entries === undefined) return [];
  const held = new Set(entries.map((e) => e.toLowerCase()));
  return ips.map(bare).filter((ip) => held.has(ip));
}

/** The first IPv4 address of an interface, for pinging it. */
export function firstIpv4(live: LiveNetwork, ifname: string): string | undefined {
  const found = live.interfaces.find((i) => i.name === ifname)?.addresses.find((a) => a.includes('.'));
  return found === undefined ? undefined : bare(found);
}

/**
 * A NAD whose IPAM routes 0.0.0.0/0 (or ::/0) through an attachment other than `dev` competes
 * with the pod's default route: whichever plugin adds it first wins (a later add of the same
 * destination fails and plugins skip it), so it breaks as soon as the order changes.
 */
export function nadRouteProblems(attachments: ReadonlyArray<{ nadRef: string; interface: string; defaultRoutes: readonly string[] }>, dev: string, liveDevs: readonly string[]): string[] {
  return attachments
    .filter((a) => a.defaultRoutes.length > 0 && a.interface !== dev)
    .map((a) => {
      const won = liveDevs.includes(a.interface);
      return `NAD ${a.nadRef} routes ${a.defaultRoutes.join(', ')} through ${a.interface}: it competes with the pod's default route on ${dev} (${won ? `and took it` : `${dev}'s was added first this time`}); select the gateway with the networks annotation's "default-route" instead`;
    });
}

/**
 * A likely cause, in the NAD's own terms, for the runtime errors people hit most (spec/multus.md
 * §7): a master interface missing on the node, a plugin binary missing there. Empty when unsure.
 */
export function likelyCause(message: string, node: string, nads: ReadonlyArray<{ ref: string; type?: string; master?: string }>): string {
  const plugin = /failed to find plugin "([^"]+)"/.exec(message)?.[1];
  if (plugin !== undefined) return ` (the ${plugin} plugin binary is missing in the CNI bin dir of ${node})`;
  if (/Link not found|no such network interface|failed to lookup master/i.test(message)) {
    const withMaster = nads.filter((n) => n.master !== undefined);
    if (withMaster.length > 0) return ` (is ${withMaster.map((n) => `"${n.master}" (master of ${n.ref})`).join(', ')} an interface of ${node}?)`;
  }
  return '';
}
