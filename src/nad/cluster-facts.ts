/**
 * Cluster facts for NAD010 and NAD012 from the Cluster port: pods' network requests, nodes'
 * pod CIDRs and allocatable resources, and the service CIDR (given, or read from the API server's
 * --service-cluster-ip-range in kube-system when the control plane runs as pods).
 */
import { MULTUS_NAMESPACE, NadDefaults } from '../constants.js';
import { tolerant } from './tolerant.js';
import type { Cluster } from '../k8s/ports.js';
import type { V1Pod } from '../k8s/types.js';
import type { ClusterFacts } from './facts.js';
import { podUsages } from './usage.js';

/** Values of `--flag=value` / `--flag value` in kube-system control-plane pods' command lines. */
export function flagValues(pods: readonly V1Pod[], flag: string): string[] {
  const out = new Set<string>();
  for (const pod of pods) {
    for (const c of pod.spec?.containers ?? []) {
      const argv = [...(c.command ?? []), ...(c.args ?? [])];
      argv.forEach((a, i) => {
        const v = a.startsWith(`${flag}=`) ? a.slice(flag.length + 1) : a === flag ? argv[i + 1] : undefined;
        for (const cidr of v?.split(',') ?? []) if (cidr.trim() !== '') out.add(cidr.trim());
      });
    }
  }
  return [...out];
}

export async function gatherClusterFacts(cluster: Cluster, options: { namespace: string; serviceCidrs?: string[] }): Promise<{ facts: ClusterFacts; notes: string[] }> {
  const notes: string[] = [];
  const [allPods, nodeList] = await Promise.all([
    tolerant('pods in all namespaces', () => cluster.pods.list({}), notes, { what: `pods in namespace ${options.namespace}`, list: () => cluster.pods.list({ namespace: options.namespace }) }),
    tolerant('nodes', () => cluster.nodes.list(), notes),
  ]);
  const pods = allPods ?? [];
  const nodes = nodeList ?? [];
  const system = pods.filter((p) => p.metadata?.namespace === MULTUS_NAMESPACE);
  const podCidrs = new Set<string>();
  const nodeResources = new Set<string>();
  for (const node of nodes) {
    if (node.spec?.podCIDR) podCidrs.add(node.spec.podCIDR);
    for (const c of node.spec?.podCIDRs ?? []) podCidrs.add(c);
    for (const r of Object.keys(node.status?.allocatable ?? {})) nodeResources.add(r);
  }
  for (const c of flagValues(system, NadDefaults.controllerManagerFlag)) podCidrs.add(c);
  let serviceCidrs = options.serviceCidrs ?? [];
  if (serviceCidrs.length === 0) {
    serviceCidrs = flagValues(system, NadDefaults.apiServerFlag);
    if (serviceCidrs.length === 0) notes.push('the service CIDR could not be detected: pass --service-cidr to check NAD subnets against it (NAD012)');
  }
  if (podCidrs.size === 0 && nodeList !== undefined) notes.push('no node has spec.podCIDR: NAD subnets were not checked against the pod CIDR (NAD012)');
  return {
    facts: { namespace: options.namespace, podCidrs: [...podCidrs], serviceCidrs, pods: podUsages(pods), nodeResources: nodes.length > 0 ? [...nodeResources] : undefined },
    notes,
  };
}
