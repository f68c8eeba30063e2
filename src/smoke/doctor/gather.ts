/**
 * doctor's I/O: everything it judges, read once. Cluster objects are listed in parallel (pods and
 * NADs across all namespaces); each node's CNI config directory is read through a node helper.
 * A node no helper reaches is left out, which the config-order check reports as unchecked.
 */
import { CniPaths } from '../../constants.js';
import type { Cluster } from '../../k8s/ports.js';
import type { NodeHelper } from '../../node/helper.js';
import { cniConfigFiles, nodeConfigFacts } from './node-config.js';
import type { DoctorInput, NodeConfigFacts } from './types.js';

export interface GatherOptions {
  /** A helper for a node; undefined skips the node-side facts. */
  helper?(node: string): Promise<NodeHelper>;
  confDir?: string;
  /** Called when a node cannot be reached (for a note on stderr). */
  onNodeError?(node: string, message: string): void;
}

export async function gatherDoctorInput(cluster: Cluster, options: GatherOptions = {}): Promise<DoctorInput> {
  const [nodes, daemonSets, pods, nads] = await Promise.all([
    cluster.nodes.list(),
    cluster.daemonSets.list(),
    cluster.pods.listSummaries(),
    cluster.nads.list(),
  ]);
  const confDir = options.confDir ?? CniPaths.confDir;
  if (options.helper === undefined) return { nodes, daemonSets, pods, nads };
  const open = options.helper;
  const read = await Promise.all(nodes.map(async (n): Promise<NodeConfigFacts | undefined> => {
    const name = n.metadata?.name ?? '';
    try {
      const helper = await open(name);
      const entries = await helper.listDir(confDir);
      const first = entries === undefined ? undefined : cniConfigFiles(entries)[0];
      const firstText = first === undefined ? undefined : await helper.readFile(`${confDir}/${first}`);
      return nodeConfigFacts(name, confDir, entries, firstText);
    } catch (err) {
      options.onNodeError?.(name, (err as Error).message);
      return undefined;
    }
  }));
  return { nodes, daemonSets, pods, nads, nodeConfigs: read.filter((f): f is NodeConfigFacts => f !== undefined) };
}
