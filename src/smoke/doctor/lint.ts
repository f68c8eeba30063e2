/**
 * The NAD lint of `nad validate --all-namespaces`, run once over the cluster's NADs with cluster
 * facts built from what doctor already read (no second listing). doctor does not lint by itself:
 * it calls src/nad and splits the findings between its nad-lint and nad-overlap checks.
 */
import { MULTUS_NAMESPACE, NadDefaults } from '../../constants.js';
import { flagValues } from '../../nad/cluster-facts.js';
import type { ClusterFacts } from '../../nad/facts.js';
import { lintDocuments } from '../../nad/lint.js';
import type { Finding, LintReport } from '../../nad/types.js';
import { podUsages } from '../../nad/usage.js';
import type { DoctorInput } from './types.js';

export function clusterFactsOf(input: DoctorInput): ClusterFacts {
  const system = input.pods.filter((p) => p.metadata?.namespace === MULTUS_NAMESPACE);
  const podCidrs = new Set(flagValues(system, NadDefaults.controllerManagerFlag));
  const nodeResources = new Set<string>();
  for (const node of input.nodes) {
    if (node.spec?.podCIDR) podCidrs.add(node.spec.podCIDR);
    for (const c of node.spec?.podCIDRs ?? []) podCidrs.add(c);
    for (const r of Object.keys(node.status?.allocatable ?? {})) nodeResources.add(r);
  }
  return {
    namespace: 'default',
    podCidrs: [...podCidrs],
    serviceCidrs: flagValues(system, NadDefaults.apiServerFlag),
    pods: podUsages(input.pods),
    nodeResources: input.nodes.length > 0 ? [...nodeResources] : undefined,
  };
}

export function lintClusterNads(input: DoctorInput): LintReport {
  return lintDocuments(input.nads.map((nad, index) => ({ nad, source: { index } })), { cluster: clusterFactsOf(input) });
}

/** A NAD007 finding about two NADs' ranges overlapping (the rule's cross-NAD message). */
export function isCrossNadOverlap(f: Finding): boolean {
  return f.id === 'NAD007' && /overlaps \S+'s range/.test(f.message);
}
