/** One NAD in a line: its CNI type(s), IPAM type and subnets (for `nad list`). */
import type { NetworkAttachmentDefinition } from '../k8s/types.js';
import { ipamViews, nadSubnets } from './ipam.js';
import { prepareTarget } from './target.js';

export interface NadRow {
  namespace: string;
  name: string;
  /** Plugin types, conflist members joined with "+"; "?" when the config does not parse. */
  type: string;
  ipam: string;
  subnet: string;
  /** namespace/name of the pods whose networks annotation references it. */
  pods: string[];
}

export function nadRow(nad: NetworkAttachmentDefinition, pods: string[]): NadRow {
  const t = prepareTarget({ nad, source: { index: 0 } });
  const type = t.config === undefined ? (t.configText?.trim() ? '?' : '') : t.plugins.map((p) => p.type ?? '?').join('+');
  const ipam = [...new Set(ipamViews(t).map((v) => v.type ?? '?'))].join('+');
  const subnet = [...new Set(nadSubnets(t).map((s) => s.text))].join(',');
  return { namespace: nad.metadata.namespace ?? '', name: nad.metadata.name, type, ipam, subnet, pods };
}
