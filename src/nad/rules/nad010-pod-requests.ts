/**
 * NAD010 (cluster mode): what pods ask of this NAD is something it can give: capability requests
 * (ips, mac, …) need a plugin declaring that capability, and a resourceName annotation needs the
 * pods to request that device resource.
 */
import { Annotations } from '../../constants.js';
import type { NetworkSelectionElement } from '../../multus/annotation.js';
import type { LintTarget } from '../target.js';
import type { Rule, RuleFinding } from './rule.js';

/** Element keys → the capability a plugin must declare for Multus to pass them on. */
const CAPABILITY_OF: Array<[keyof NetworkSelectionElement, string, string]> = [
  ['ips', 'ips', 'ips'],
  ['mac', 'mac', 'mac'],
  ['infinibandGuid', 'infinibandGUID', 'infiniband-guid'],
  ['portMappings', 'portMappings', 'portMappings'],
  ['bandwidth', 'bandwidth', 'bandwidth'],
];

function declared(target: LintTarget): Set<string> {
  const caps = new Set<string>();
  for (const p of target.plugins) {
    const c = p.config.capabilities;
    if (typeof c === 'object' && c !== null) for (const [k, v] of Object.entries(c)) if (v === true) caps.add(k);
  }
  return caps;
}

export const nad010: Rule = {
  id: 'NAD010',
  title: "pods' requests (capabilities, device resources) match the NAD",
  level: 'error',
  run({ nad, cluster }) {
    if (cluster === undefined || nad.config === undefined) return [];
    const out: RuleFinding[] = [];
    const namespace = nad.namespace ?? cluster.namespace;
    const caps = declared(nad);
    const resource = nad.doc.nad.metadata.annotations?.[Annotations.resourceName];
    for (const pod of cluster.pods) {
      for (const el of pod.networks) {
        if (el.name !== nad.name || el.namespace !== namespace) continue;
        for (const [key, cap, shown] of CAPABILITY_OF) {
          if (el[key] === undefined || caps.has(cap)) continue;
          out.push({ path: ['spec', 'config'], message: `pod ${pod.namespace}/${pod.name} requests "${shown}" but no plugin declares the "${cap}" capability: Multus drops the request`, hint: `add "capabilities": {"${cap}": true} to a plugin that supports it (e.g. static IPAM or tuning)` });
        }
        if (resource !== undefined && !pod.resources.includes(resource)) {
          out.push({ path: ['metadata', 'annotations', Annotations.resourceName], message: `pod ${pod.namespace}/${pod.name} uses this NAD but requests no ${resource} resource: it gets no device`, hint: `add resources.limits["${resource}"]: 1 to the pod's container (or use a webhook that injects it)` });
        }
      }
    }
    if (resource !== undefined && cluster.nodeResources !== undefined && !cluster.nodeResources.includes(resource)) {
      out.push({ level: 'warning', path: ['metadata', 'annotations', Annotations.resourceName], message: `no node offers the resource ${resource}`, hint: 'check the device plugin (e.g. the SR-IOV network device plugin) runs and advertises it' });
    }
    return out;
  },
};
