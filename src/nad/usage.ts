/** Which pods use which NADs, from their k8s.v1.cni.cncf.io/networks annotation. */
import { Annotations } from '../constants.js';
import type { PodSummary } from '../k8s/types.js';
import { parseNetworkAnnotation } from '../multus/annotation.js';
import type { PodUsage } from './facts.js';

/** Pods with a parseable networks annotation; pods whose annotation does not parse are skipped. */
export function podUsages(pods: readonly PodSummary[]): PodUsage[] {
  const out: PodUsage[] = [];
  for (const pod of pods) {
    const value = pod.metadata?.annotations?.[Annotations.networks];
    const namespace = pod.metadata?.namespace ?? 'default';
    if (value === undefined || value.trim() === '') continue;
    let networks;
    try {
      networks = parseNetworkAnnotation(value, namespace);
    } catch {
      continue;
    }
    const resources = new Set<string>();
    for (const c of pod.spec?.containers ?? []) {
      for (const k of [...Object.keys(c.resources?.requests ?? {}), ...Object.keys(c.resources?.limits ?? {})]) resources.add(k);
    }
    out.push({ namespace, name: pod.metadata?.name ?? '', networks, resources: [...resources] });
  }
  return out;
}

/** "namespace/name" of the pods referencing the NAD namespace/name. */
export function podsUsing(usages: readonly PodUsage[], namespace: string, name: string): string[] {
  return usages.filter((u) => u.networks.some((n) => n.name === name && n.namespace === namespace)).map((u) => `${u.namespace}/${u.name}`);
}
