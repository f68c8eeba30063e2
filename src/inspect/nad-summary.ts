/**
 * What inspect and debug need to know of a NAD's CNI config: its plugin types (chain included,
 * IPAM too), the main plugin's master/device, the IPAM type and the routes and subnets it adds.
 */
import type { NetworkAttachmentDefinition } from '../k8s/types.js';

export interface NadSummary {
  /** namespace/name. */
  ref: string;
  /** The main plugin's type (first in a conflist). */
  type?: string;
  /** Every binary the attachment runs: each plugin's type and each IPAM type. */
  binaries: string[];
  /** macvlan/ipvlan `master`, host-device `device`, sriov has none. */
  master?: string;
  ipam?: string;
  /** Route destinations the IPAM config adds. */
  routes: string[];
  /** Subnets the IPAM hands out from. */
  subnets: string[];
  /** Whether the chain has the sbr (source-based routing) plugin. */
  sbr: boolean;
  /** Set when spec.config is not a readable JSON object. */
  error?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function ipamSubnets(ipam: Json): string[] {
  const out: string[] = [];
  const subnet = str(ipam.subnet);
  if (subnet) out.push(subnet);
  for (const set of Array.isArray(ipam.ranges) ? ipam.ranges : []) {
    for (const r of Array.isArray(set) ? set.filter(isObject) : []) {
      const s = str(r.subnet);
      if (s) out.push(s);
    }
  }
  const range = str(ipam.range);
  if (range) out.push(range);
  for (const a of Array.isArray(ipam.addresses) ? ipam.addresses.filter(isObject) : []) {
    const s = str(a.address);
    if (s) out.push(s);
  }
  return out;
}

export function summariseNad(nad: NetworkAttachmentDefinition): NadSummary {
  const ref = `${nad.metadata.namespace ?? 'default'}/${nad.metadata.name}`;
  const empty: NadSummary = { ref, binaries: [], routes: [], subnets: [], sbr: false };
  let config: unknown;
  try {
    config = JSON.parse(nad.spec?.config ?? '');
  } catch (err) {
    return { ...empty, error: `spec.config is not valid JSON: ${(err as Error).message}` };
  }
  if (!isObject(config)) return { ...empty, error: 'spec.config is not a JSON object' };
  const plugins = Array.isArray(config.plugins) ? config.plugins.filter(isObject) : [config];
  const main = plugins[0] ?? {};
  const summary: NadSummary = { ...empty, sbr: plugins.some((p) => p.type === 'sbr') };
  const type = str(main.type);
  if (type) summary.type = type;
  const master = str(main.master) ?? str(main.device);
  if (master) summary.master = master;
  const binaries = new Set<string>();
  for (const p of plugins) {
    const t = str(p.type);
    if (t) binaries.add(t);
    if (isObject(p.ipam)) {
      const it = str(p.ipam.type);
      if (it) {
        binaries.add(it);
        summary.ipam ??= it;
      }
      summary.subnets.push(...ipamSubnets(p.ipam));
      for (const r of Array.isArray(p.ipam.routes) ? p.ipam.routes.filter(isObject) : []) {
        const dst = str(r.dst);
        if (dst) summary.routes.push(dst);
      }
    }
  }
  summary.binaries = [...binaries].sort();
  return summary;
}
