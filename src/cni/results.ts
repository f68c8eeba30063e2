/**
 * CNI result versions and exact conversion between them: 0.1.0/0.2.0 (`ip4`/`ip6`), 0.3.x/0.4.0
 * (`interfaces`, `ips` with `version`), 1.0.0/1.1.0 (no `version`).
 */
import { isIP } from 'node:net';
import type { JsonObject } from './conf.js';

/** A CNI 1.0 result (the shape everything is converted through). */
export interface CurrentResult {
  cniVersion?: string;
  interfaces?: Array<{ name: string; mac?: string; mtu?: number; sandbox?: string }>;
  ips?: Array<{ address: string; gateway?: string; interface?: number }>;
  routes?: Array<{ dst: string; gw?: string }>;
  dns?: { nameservers?: string[]; domain?: string; search?: string[]; options?: string[] };
}

function ipVersion(ip: string): 0 | 4 | 6 {
  const v = isIP(ip);
  return v === 4 || v === 6 ? v : 0;
}

type Ip = { address: string; gateway?: string; interface?: number };
type Route = { dst: string; gw?: string };

function family(cidr: string): 4 | 6 {
  const ip = cidr.includes('/') ? cidr.slice(0, cidr.indexOf('/')) : cidr;
  return ipVersion(ip) === 6 ? 6 : 4;
}

function isLegacy(version: string): boolean {
  return version === '' || version === '0.1.0' || version === '0.2.0';
}

function is03x(version: string): boolean {
  return version === '0.3.0' || version === '0.3.1' || version === '0.4.0';
}

/** Any supported result to the CNI 1.0 shape (the result's own `cniVersion` decides how to read it). */
export function toCurrent(result: JsonObject): CurrentResult & JsonObject {
  const version = typeof result.cniVersion === 'string' ? result.cniVersion : '';
  const dns = (result.dns ?? {}) as CurrentResult['dns'];
  if (isLegacy(version)) {
    const ips: Ip[] = [];
    const routes: Route[] = [];
    for (const key of ['ip4', 'ip6'] as const) {
      const block = result[key] as { ip?: string; gateway?: string; routes?: Route[] } | undefined;
      if (!block) continue;
      if (block.ip) ips.push(block.gateway ? { address: block.ip, gateway: block.gateway } : { address: block.ip });
      for (const r of block.routes ?? []) routes.push(r.gw ? { dst: r.dst, gw: r.gw } : { dst: r.dst });
    }
    const out: CurrentResult & JsonObject = { cniVersion: '1.0.0' };
    if (ips.length) out.ips = ips;
    if (routes.length) out.routes = routes;
    out.dns = dns;
    return out;
  }
  const out: CurrentResult & JsonObject = { ...result, cniVersion: '1.0.0' };
  if (Array.isArray(result.ips)) {
    out.ips = (result.ips as Array<Ip & { version?: string }>).map((ip) => {
      const copy: Ip = { address: ip.address };
      if (ip.gateway) copy.gateway = ip.gateway;
      if (ip.interface !== undefined && ip.interface !== null) copy.interface = ip.interface;
      return copy;
    });
  }
  return out;
}

/** Converts a result to `toVersion` (exactly as libcni's converters: 1.x ⇄ 0.3.x/0.4.0 ⇄ 0.2.0). */
export function convertResult(result: JsonObject, toVersion: string): JsonObject {
  const current = toCurrent(result);
  if (toVersion === '1.0.0' || toVersion === '1.1.0') return { ...current, cniVersion: toVersion };
  if (is03x(toVersion)) {
    const out: JsonObject = { ...current, cniVersion: toVersion };
    if (current.ips) {
      out.ips = current.ips.map((ip) => {
        const copy: JsonObject = { version: String(family(ip.address)), address: ip.address };
        if (ip.interface !== undefined) copy.interface = ip.interface;
        if (ip.gateway) copy.gateway = ip.gateway;
        return copy;
      });
    }
    return out;
  }
  // 0.1.0 / 0.2.0: the first address of each family, routes split by family; interfaces dropped.
  const out: JsonObject = { cniVersion: toVersion || '0.2.0' };
  for (const fam of [4, 6] as const) {
    const ip = (current.ips ?? []).find((i) => family(i.address) === fam);
    if (!ip) continue;
    const block: JsonObject = { ip: ip.address };
    if (ip.gateway) block.gateway = ip.gateway;
    const routes = (current.routes ?? []).filter((r) => family(r.dst) === fam);
    if (routes.length) block.routes = routes;
    out[fam === 4 ? 'ip4' : 'ip6'] = block;
  }
  out.dns = current.dns ?? {};
  return out;
}
