/**
 * `nad create` from flags: plugin and IPAM options → a CNI config → a NetworkAttachmentDefinition.
 * Pure; what is still missing for a usable config is reported by missingOptions.
 */
import { Annotations, NAD_API_VERSION, NAD_KIND, NadDefaults } from '../constants.js';
import type { NetworkAttachmentDefinition } from '../k8s/types.js';
import type { JsonObject } from './types.js';

export interface BuildOptions {
  name: string;
  namespace?: string;
  type?: string;
  master?: string;
  mode?: string;
  bridge?: string;
  ipam?: string;
  subnet?: string;
  rangeStart?: string;
  rangeEnd?: string;
  gateway?: string;
  /** "DST" or "DST,GW" (e.g. 10.0.0.0/8,10.1.1.1). */
  routes?: string[];
  /** static IPAM addresses (CIDR). */
  addresses?: string[];
  mtu?: number;
  vlan?: number;
  cniVersion?: string;
  resourceName?: string;
}

/** Plugins whose `master` (or, for host-device, `device`) must name a node interface. */
const NEEDS_MASTER = new Set(['macvlan', 'ipvlan', 'vlan', 'host-device']);
const NEEDS_SUBNET = new Set(['host-local', 'whereabouts']);

/** The flags still needed, as flag names (for the usage error and the wizard). */
export function missingOptions(o: BuildOptions): string[] {
  const missing: string[] = [];
  if (!o.type) missing.push('--type');
  if (o.type && NEEDS_MASTER.has(o.type) && !o.master) missing.push('--master');
  if (o.type === 'vlan' && o.vlan === undefined) missing.push('--vlan');
  if (!o.ipam) missing.push('--ipam');
  if (o.ipam && NEEDS_SUBNET.has(o.ipam) && !o.subnet) missing.push('--subnet');
  return missing;
}

function routes(list: string[] | undefined): JsonObject[] | undefined {
  if (list === undefined || list.length === 0) return undefined;
  return list.map((r) => {
    const [dst, gw] = r.split(',').map((s) => s.trim());
    return gw ? { dst, gw } : { dst };
  });
}

function compact(o: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
}

export function buildIpam(o: BuildOptions): JsonObject | undefined {
  const r = routes(o.routes);
  switch (o.ipam) {
    case undefined:
    case 'none':
      return undefined;
    case 'host-local':
      return compact({ type: 'host-local', subnet: o.subnet, rangeStart: o.rangeStart, rangeEnd: o.rangeEnd, gateway: o.gateway, routes: r });
    case 'whereabouts':
      return compact({ type: 'whereabouts', range: o.subnet, range_start: o.rangeStart, range_end: o.rangeEnd, gateway: o.gateway, routes: r });
    case 'static':
      return compact({ type: 'static', addresses: o.addresses?.map((a) => compact({ address: a, gateway: o.gateway })), routes: r });
    case 'dhcp':
      return { type: 'dhcp' };
    default:
      return compact({ type: o.ipam, subnet: o.subnet, gateway: o.gateway, routes: r });
  }
}

/** The plugin object for --type and its options. */
export function buildPlugin(o: BuildOptions): JsonObject {
  const type = o.type ?? '';
  const p: JsonObject = { type };
  switch (type) {
    case 'macvlan':
      Object.assign(p, { master: o.master, mode: o.mode ?? 'bridge' });
      break;
    case 'ipvlan':
      Object.assign(p, { master: o.master, mode: o.mode ?? 'l2' });
      break;
    case 'bridge':
      Object.assign(p, { bridge: o.bridge ?? o.master ?? `br-${o.name}`.slice(0, 15), vlan: o.vlan });
      break;
    case 'host-device':
      Object.assign(p, { device: o.master });
      break;
    case 'vlan':
      Object.assign(p, { master: o.master, vlanId: o.vlan });
      break;
    case 'sriov':
      Object.assign(p, { vlan: o.vlan });
      break;
    default:
      Object.assign(p, { master: o.master, mode: o.mode, vlan: o.vlan });
  }
  if (o.mtu !== undefined && type !== 'sriov' && type !== 'host-device') p.mtu = o.mtu;
  const ipam = buildIpam(o);
  if (ipam !== undefined) p.ipam = ipam;
  // Static IPAM without addresses takes them from the pod annotation ("ips"): declare it.
  if (o.ipam === 'static' && (o.addresses?.length ?? 0) === 0) p.capabilities = { ips: true };
  return compact(p);
}

export function buildConfig(o: BuildOptions): JsonObject {
  return { cniVersion: o.cniVersion ?? NadDefaults.cniVersion, name: o.name, ...buildPlugin(o) };
}

export function buildNad(o: BuildOptions): NetworkAttachmentDefinition {
  const annotations = o.resourceName ? { [Annotations.resourceName]: o.resourceName } : undefined;
  return {
    apiVersion: NAD_API_VERSION,
    kind: NAD_KIND,
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), ...(annotations ? { annotations } : {}) },
    spec: { config: JSON.stringify(buildConfig(o), null, 2) },
  };
}
