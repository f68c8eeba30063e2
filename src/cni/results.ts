/**
 * CNI results in every version and the exact conversions libcni makes between them
 * (pkg/types/020, 040, 100 and their converters): 0.1.0/0.2.0 (`ip4`/`ip6`), 0.3.0/0.3.1/0.4.0
 * (`interfaces`, `ips` with `version`), 1.0.0/1.1.0 (no `version`; interface `mtu`, `socketPath`,
 * `pciID`). A result is decoded into its version's fields (unknown keys dropped, addresses in Go's
 * canonical text), converted along libcni's paths, and encoded with Go's omitempty rules.
 */
import type { JsonObject } from './conf.js';
import { CniCode, CniError } from './errors.js';
import { canonicalCidr, canonicalIp, ipFamily } from './ip-text.js';

export const RESULT_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] as const;

export interface Route {
  dst: string;
  gw?: string;
  mtu?: number;
  advmss?: number;
  priority?: number;
  table?: number;
  scope?: number;
}

export interface Dns {
  nameservers?: string[];
  domain?: string;
  search?: string[];
  options?: string[];
}

/** A CNI 1.x result (the shape the engine and network-status read). */
export interface CurrentResult {
  cniVersion?: string;
  interfaces?: Array<{ name: string; mac?: string; mtu?: number; sandbox?: string; socketPath?: string; pciID?: string }>;
  ips?: Array<{ address: string; gateway?: string; interface?: number }>;
  routes?: Route[];
  dns?: Dns;
}

type Family = 'legacy' | '04x' | '1x';

function familyOf(version: string): Family | undefined {
  if (version === '' || version === '0.1.0' || version === '0.2.0') return 'legacy';
  if (version === '0.3.0' || version === '0.3.1' || version === '0.4.0') return '04x';
  if (version === '1.0.0' || version === '1.1.0') return '1x';
  return undefined;
}

interface Ip04 { version: string; interface?: number; address: string; gateway?: string }
interface Iface { name: string; mac?: string; mtu?: number; sandbox?: string; socketPath?: string; pciID?: string }
interface Block02 { ip: string; gateway?: string; routes: Route[] }

/** The decoded form: one shape for all versions, `family` says which fields count. */
interface Decoded {
  version: string;
  family: Family;
  ip4?: Block02;
  ip6?: Block02;
  interfaces: Iface[];
  ips: Ip04[];
  routes: Route[];
  dns: Dns;
}

function decodeError(why: string): CniError {
  return new CniError(CniCode.decodeFailure, `failed to decode result: ${why}`);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v !== 0 ? v : undefined);
const obj = (v: unknown): JsonObject => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function ipOf(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const ip = typeof v === 'string' ? canonicalIp(v) : undefined;
  if (ip === undefined) throw decodeError(`invalid IP address in ${what}: ${JSON.stringify(v)}`);
  return ip;
}

function cidrOf(v: unknown, what: string): string {
  const c = typeof v === 'string' ? canonicalCidr(v) : undefined;
  if (c === undefined) throw decodeError(`invalid CIDR address in ${what}: ${JSON.stringify(v)}`);
  return c;
}

function decodeRoute(raw: unknown): Route {
  const r = obj(raw);
  const route: Route = { dst: cidrOf(r.dst, 'route dst') };
  const gw = ipOf(r.gw, 'route gw');
  if (gw) route.gw = gw;
  for (const k of ['mtu', 'advmss', 'priority'] as const) {
    const n = num(r[k]);
    if (n !== undefined) route[k] = n;
  }
  // table and scope are pointers in Go: 0 is kept.
  for (const k of ['table', 'scope'] as const) if (typeof r[k] === 'number') route[k] = r[k] as number;
  return route;
}

function decodeDns(raw: unknown): Dns {
  const d = obj(raw);
  const dns: Dns = {};
  const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');
  if (strings(d.nameservers).length) dns.nameservers = strings(d.nameservers);
  if (str(d.domain)) dns.domain = d.domain as string;
  if (strings(d.search).length) dns.search = strings(d.search);
  if (strings(d.options).length) dns.options = strings(d.options);
  return dns;
}

function decodeBlock(raw: unknown, what: string): Block02 | undefined {
  if (raw === undefined || raw === null) return undefined;
  const b = obj(raw);
  const block: Block02 = { ip: cidrOf(b.ip, `${what}.ip`), routes: list(b.routes).map(decodeRoute) };
  const gw = ipOf(b.gateway, `${what}.gateway`);
  if (gw) block.gateway = gw;
  return block;
}

/** libcni create.Create: a result of a known version (an empty cniVersion is 0.1.0). */
function decode(result: JsonObject): Decoded {
  const version = typeof result.cniVersion === 'string' && result.cniVersion !== '' ? result.cniVersion : '0.1.0';
  const family = familyOf(version);
  if (!family) throw new CniError(CniCode.incompatibleVersion, `unsupported CNI result version "${version}"`);
  const d: Decoded = { version, family, interfaces: [], ips: [], routes: [], dns: decodeDns(result.dns) };
  if (family === 'legacy') {
    d.ip4 = decodeBlock(result.ip4, 'ip4');
    d.ip6 = decodeBlock(result.ip6, 'ip6');
    return d;
  }
  d.interfaces = list(result.interfaces).map((raw) => {
    const i = obj(raw);
    const iface: Iface = { name: typeof i.name === 'string' ? i.name : '' };
    if (str(i.mac)) iface.mac = i.mac as string;
    if (family === '1x' && num(i.mtu) !== undefined) iface.mtu = i.mtu as number;
    if (str(i.sandbox)) iface.sandbox = i.sandbox as string;
    if (family === '1x' && str(i.socketPath)) iface.socketPath = i.socketPath as string;
    if (family === '1x' && str(i.pciID)) iface.pciID = i.pciID as string;
    return iface;
  });
  d.ips = list(result.ips).map((raw) => {
    const i = obj(raw);
    const address = cidrOf(i.address, 'ips address');
    const ip: Ip04 = { version: family === '04x' ? (typeof i.version === 'string' ? i.version : '') : ipFamily(address) === 6 ? '6' : '4', address };
    if (typeof i.interface === 'number') ip.interface = i.interface;
    const gw = ipOf(i.gateway, 'ips gateway');
    if (gw) ip.gateway = gw;
    return ip;
  });
  d.routes = list(result.routes).map(decodeRoute);
  return d;
}

/** 040 convertFrom02x: ip4 then ip6 (version by block), their routes in that order. */
function legacyTo04x(d: Decoded): Decoded {
  const out: Decoded = { ...d, family: '04x', ip4: undefined, ip6: undefined, interfaces: [], ips: [], routes: [] };
  for (const [block, v] of [[d.ip4, '4'], [d.ip6, '6']] as const) {
    if (!block) continue;
    const ip: Ip04 = { version: v, address: block.ip };
    if (block.gateway) ip.gateway = block.gateway;
    out.ips.push(ip);
    out.routes.push(...block.routes.map((r) => ({ ...r })));
  }
  return out;
}

/** 040 convertTo02x: the first IP of each version, routes by destination family, dst/gw only. */
function toLegacy(d: Decoded): Decoded {
  const out: Decoded = { ...d, family: 'legacy', interfaces: [], ips: [], routes: [] };
  for (const ip of d.ips) {
    const block: Block02 = { ip: ip.address, routes: [] };
    if (ip.gateway) block.gateway = ip.gateway;
    if (ip.version === '4' && !out.ip4) out.ip4 = block;
    else if (ip.version === '6' && !out.ip6) out.ip6 = block;
    if (out.ip4 && out.ip6) break;
  }
  for (const r of d.routes) {
    const route: Route = r.gw ? { dst: r.dst, gw: r.gw } : { dst: r.dst };
    const target = ipFamily(r.dst) === 4 ? out.ip4 : out.ip6;
    target?.routes.push(route);
  }
  if (!out.ip4 && !out.ip6) throw new CniError(CniCode.incompatibleVersion, 'cannot convert: no valid IP addresses');
  return out;
}

/** Between 0.4.x and 1.x: versions recomputed/dropped, 1.x-only interface fields dropped going down. */
function between04and1(d: Decoded, to: Family): Decoded {
  const ips = d.ips.map((ip) => ({ ...ip, version: to === '04x' ? (ipFamily(ip.address) === 6 ? '6' : '4') : ip.version }));
  const interfaces = d.interfaces.map((i) => {
    const out: Iface = { name: i.name };
    if (i.mac) out.mac = i.mac;
    if (i.sandbox) out.sandbox = i.sandbox;
    return out;
  });
  return { ...d, family: to, ips, interfaces, routes: d.routes.map((r) => ({ ...r })) };
}

function convertDecoded(d: Decoded, toVersion: string): Decoded {
  const to = familyOf(toVersion);
  if (!to) throw new CniError(CniCode.incompatibleVersion, `no converter for CNI result version ${d.version} to ${toVersion}`);
  if (d.version === toVersion) return d;
  let cur = d;
  if (cur.family === 'legacy' && to !== 'legacy') cur = legacyTo04x(cur);
  if (cur.family === '1x' && to !== '1x') cur = between04and1(cur, '04x');
  if (cur.family === '04x' && to === '1x') cur = between04and1(cur, '1x');
  if (cur.family === '04x' && to === 'legacy') cur = toLegacy(cur);
  return { ...cur, version: toVersion };
}

function encodeRoute(r: Route): JsonObject {
  return { ...r };
}

function dnsIsEmpty(dns: Dns): boolean {
  return !dns.nameservers?.length && !dns.domain && !dns.search?.length && !dns.options?.length;
}

/** Go's encoding of each version's Result struct (omitempty; 1.x drops an empty `dns`). */
function encode(d: Decoded): JsonObject {
  const out: JsonObject = { cniVersion: d.version };
  if (d.family === 'legacy') {
    for (const key of ['ip4', 'ip6'] as const) {
      const b = d[key];
      if (!b) continue;
      const block: JsonObject = { ip: b.ip };
      if (b.gateway) block.gateway = b.gateway;
      if (b.routes.length) block.routes = b.routes.map(encodeRoute);
      out[key] = block;
    }
    out.dns = { ...d.dns };
    return out;
  }
  if (d.interfaces.length) out.interfaces = d.interfaces.map((i) => ({ ...i }));
  if (d.ips.length) {
    out.ips = d.ips.map((ip) => {
      const e: JsonObject = d.family === '04x' ? { version: ip.version } : {};
      if (ip.interface !== undefined) e.interface = ip.interface;
      e.address = ip.address;
      if (ip.gateway) e.gateway = ip.gateway;
      return e;
    });
  }
  if (d.routes.length) out.routes = d.routes.map(encodeRoute);
  if (d.family === '04x' || !dnsIsEmpty(d.dns)) out.dns = { ...d.dns };
  return out;
}

/** A result as libcni holds it: decoded in its own version and encoded again. */
export function normalizeResult(result: JsonObject): JsonObject {
  return encode(decode(result));
}

/** Converts a result to `toVersion` exactly as libcni's converters do (throws CniError when they would). */
export function convertResult(result: JsonObject, toVersion: string): JsonObject {
  return encode(convertDecoded(decode(result), toVersion));
}

/** Any supported result in the CNI 1.0.0 shape (what the engine and network-status read). */
export function toCurrent(result: JsonObject): CurrentResult & JsonObject {
  return convertResult(result, '1.0.0') as CurrentResult & JsonObject;
}

/**
 * libcni fixupResultVersion: a result without cniVersion is taken to be in the config's version
 * (the config's own empty version meaning 0.1.0).
 */
export function withResultVersion(result: JsonObject, confVersion: string): JsonObject {
  if (typeof result.cniVersion === 'string' && result.cniVersion !== '') return result;
  return { ...result, cniVersion: confVersion || '0.1.0' };
}
