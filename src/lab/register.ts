/**
 * `lab up`'s writes through the Cluster port: the namespaces, one Node per lab node (re-created so
 * its annotations match this lab) and the multus DaemonSet, each with its status set.
 */
import type { Cluster } from '../k8s/ports.js';
import type { LabRegistrar } from './lab.js';

export function clusterRegistrar(cluster: Pick<Cluster, 'namespaces' | 'nodes' | 'daemonSets'>): LabRegistrar {
  return {
    async ensureNamespace(name) {
      if (!(await cluster.namespaces.exists(name))) await cluster.namespaces.create(name);
    },
    async applyNode(node) {
      const name = node.metadata?.name ?? '';
      if (await cluster.nodes.get(name)) await cluster.nodes.delete(name);
      const created = await cluster.nodes.create(node);
      await cluster.nodes.updateStatus({ ...created, status: node.status });
    },
    async applyDaemonSet(ds) {
      const namespace = ds.metadata?.namespace ?? '';
      const name = ds.metadata?.name ?? '';
      const current = (await cluster.daemonSets.get(namespace, name)) ?? (await cluster.daemonSets.create(ds));
      await cluster.daemonSets.updateStatus({ ...current, status: ds.status });
    },
  };
}
