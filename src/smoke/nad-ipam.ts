/**
 * What a NAD's IPAM promises, as far as smoke needs it: the kind of IPAM, the address ranges a
 * pod's IPs must fall in, and where host-local keeps its leases (to prove DEL freed them).
 */
import { Address4, Address6 } from 'ip-address';
import { CniPaths } from '../constants.js';
import type { NetworkAttachmentDefinition } from '../k8s/types.js';

export interface AddressRange {
  subnet: string;
  /** Inclusive bounds inside the subnet, when the config narrows it. */
  start?: string;
  end?: string;
}

export interface NadIpam {
  /** The CNI network name (config `name`, else the NAD's name, as multus sets it). */
  networkName: string;
  /** The main plugin's type (the first in a conflist). */
  pluginType?: string;
  /** The IPAM plugin type, undefined without IPAM. */
  type?: string;
  ranges: AddressRange[];
  /** host-local's lease directory for this network. */
  leaseDir?: string;
  /** Destinations of the routes the IPAM config adds (e.g. 0.0.0.0/0). */
  routes: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads the IPAM of a NAD's spec.config. Throws on JSON that is not an object. */
export function nadIpam(nad: NetworkAttachmentDefinition): NadIpam {
  const config: unknown = JSON.parse(nad.spec?.config ?? '{}');
  if (!isObject(config)) throw new Error(`NAD ${nad.metadata.name}: spec.config is not a JSON object`);
  const networkName = str(config.name) ?? nad.metadata.name;
  const plugins = Array.isArray(config.plugins) ? config.plugins.filter(isObject) : [config];
  const withIpam = plugins.find((p) => isObject(p.ipam) && str(p.ipam.type) !== undefined);
  const base = { networkName, pluginType: str(plugins[0]?.type), ranges: [] as AddressRange[], routes: [] as string[] };
  if (withIpam === undefined) return base;
  const ipam = withIpam.ipam as Json;
  const type = str(ipam.type);
  const routes = (Array.isArray(ipam.routes) ? ipam.routes : []).filter(isObject).map((r) => str(r.dst)).filter((d): d is string => d !== undefined);
  const ranges: AddressRange[] = [];
  if (type === 'host-local') {
    if (Array.isArray(ipam.ranges)) {
      for (const set of ipam.ranges) {
        for (const r of Array.isArray(set) ? set.filter(isObject) : []) {
          const subnet = str(r.subnet);
          if (subnet) ranges.push({ subnet, start: str(r.rangeStart), end: str(r.rangeEnd) });
        }
      }
    }
    const subnet = str(ipam.subnet);
    if (subnet) ranges.push({ subnet, start: str(ipam.rangeStart), end: str(ipam.rangeEnd) });
    const dataDir = str(ipam.dataDir) ?? CniPaths.hostLocalDir;
    return { ...base, type, ranges, routes, leaseDir: `${dataDir}/${networkName}` };
  }
  if (type === 'static') {
    for (const a of Array.isArray(ipam.addresses) ? ipam.addresses.filter(isObject) : []) {
      const address = str(a.address);
      if (address) ranges.push({ subnet: address, start: address.split('/')[0], end: address.split('/')[0] });
    }
  }
  if (type === 'whereabouts') {
    const range = str(ipam.range);
    if (range) ranges.push({ subnet: range, start: str(ipam.range_start), end: str(ipam.range_end) });
  }
  return { ...base, type, ranges, routes };
}

function parse(address: string): Address4 | Address6 | undefined {
  const bare = address.split('/')[0] ?? '';
  if (Address4.isValid(bare)) return new Address4(bare);
  if (Address6.isValid(bare)) return new Address6(bare);
  return undefined;
}

function subnetOf(cidr: string): Address4 | Address6 | undefined {
  if (Address4.isValid(cidr) && cidr.includes('.')) return new Address4(cidr);
  if (Address6.isValid(cidr)) return new Address6(cidr);
  return undefined;
}

/** True when the address (with or without /prefix) lies in the range's subnet and bounds. */
export function inRange(address: string, range: AddressRange): boolean {
  const ip = parse(address);
  const subnet = subnetOf(range.subnet);
  if (ip === undefined || subnet === undefined || ip.v4 !== subnet.v4) return false;
  if (!ip.isInSubnet(subnet)) return false;
  const value = ip.bigInt();
  const start = range.start ? parse(range.start) : undefined;
  const end = range.end ? parse(range.end) : undefined;
  if (start && value < start.bigInt()) return false;
  if (end && value > end.bigInt()) return false;
  return true;
}

export function describeRange(range: AddressRange): string {
  return range.start || range.end ? `${range.subnet} (${range.start ?? 'first'} - ${range.end ?? 'last'})` : range.subnet;
}

/** True for a route destination meaning "everything" (0.0.0.0/0, ::/0). */
export function isDefaultDestination(dst: string): boolean {
  return dst === '0.0.0.0/0' || dst === '::/0' || dst === 'default';
}
