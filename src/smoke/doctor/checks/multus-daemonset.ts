import type { PodSummary, V1DaemonSet } from '../../../k8s/types.js';
import { objectName } from '../facts.js';
import type { DoctorCheck, DoctorFinding } from '../types.js';

/** A daemonset is multus's when its name or one of its images says so (thin, thick or a vendor build). */
export function isMultusDaemonSet(ds: V1DaemonSet): boolean {
  if ((ds.metadata?.name ?? '').includes('multus')) return true;
  const containers = [...(ds.spec?.template?.spec?.containers ?? []), ...(ds.spec?.template?.spec?.initContainers ?? [])];
  return containers.some((c) => (c.image ?? '').includes('multus'));
}

function ownedBy(pod: PodSummary, ds: V1DaemonSet): boolean {
  if (pod.metadata?.namespace !== ds.metadata?.namespace) return false;
  return (pod.metadata?.ownerReferences ?? []).some(
    (o) => o.kind === 'DaemonSet' && (ds.metadata?.uid ? o.uid === ds.metadata.uid : o.name === ds.metadata?.name),
  );
}

function isReady(pod: PodSummary): boolean {
  return pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export const multusDaemonSetCheck: DoctorCheck = {
  id: 'multus-daemonset',
  title: 'the multus daemonset exists and is ready on every node',
  run(facts) {
    const findings: DoctorFinding[] = [];
    const daemonSets = facts.daemonSets.filter(isMultusDaemonSet);
    if (daemonSets.length === 0) {
      return [{
        check: this.id, severity: 'error', object: 'daemonset/multus',
        message: 'no multus daemonset in any namespace: nothing calls the secondary networks of any pod',
        hint: 'install multus (its daemonset manifest, usually in kube-system) or check that you are on the right context',
      }];
    }
    const nodeNames = facts.nodes.map((n) => n.metadata?.name ?? '').filter((n) => n !== '');
    for (const ds of daemonSets) {
      const dsName = objectName.daemonSet(ds.metadata?.namespace ?? '', ds.metadata?.name ?? '');
      const pods = facts.pods.filter((p) => ownedBy(p, ds));
      if (pods.length > 0) {
        // The pods say exactly which nodes lack a ready multus.
        for (const node of nodeNames) {
          const onNode = pods.filter((p) => p.spec?.nodeName === node);
          if (onNode.some(isReady)) continue;
          const pod = onNode[0];
          findings.push({
            check: this.id, severity: 'error', object: objectName.node(node),
            message: pod === undefined
              ? `no ${dsName} pod on node ${node}: pods scheduled there get no secondary networks`
              : `${dsName} pod ${pod.metadata?.name} on node ${node} is not ready (phase ${pod.status?.phase ?? 'Unknown'})`,
            hint: pod === undefined
              ? "check the daemonset's nodeSelector and tolerations against the node's labels and taints"
              : `kubectl -n ${ds.metadata?.namespace} logs ${pod.metadata?.name}; kubectl -n ${ds.metadata?.namespace} describe pod ${pod.metadata?.name}`,
          });
        }
        continue;
      }
      // No pods visible (e.g. not allowed to list them): judge by the daemonset's own status.
      const desired = ds.status?.desiredNumberScheduled ?? 0;
      const ready = ds.status?.numberReady ?? 0;
      if (ready < nodeNames.length || ready < desired) {
        findings.push({
          check: this.id, severity: 'error', object: dsName,
          message: `${dsName} is ready on ${ready} of ${nodeNames.length} nodes (${desired} scheduled)`,
          hint: `kubectl -n ${ds.metadata?.namespace} describe daemonset ${ds.metadata?.name}`,
        });
      }
    }
    return findings;
  },
};
