/**
 * The I/O half of `pod inspect` and `debug route`: the pod from the API (not found → exit 4), the
 * NADs it names, and the live netns state read through a node helper.
 */
import { notFoundError, CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Cluster } from '../k8s/ports.js';
import type { NetworkAttachmentDefinition, V1Pod } from '../k8s/types.js';
import type { NodeHelper, PodSandboxRef } from '../node/helper.js';
import { CniPaths } from '../constants.js';
import type { NodeFacts } from '../nad/facts.js';
import { IpArgv } from '../node/commands.js';
import { parseLinks } from '../node/ip-json.js';
import { readNetnsState, type NetnsState, type RunIn } from './live.js';
import { requestedNetworks } from './pod-inspect.js';

export async function getPod(cluster: Cluster, namespace: string, name: string): Promise<V1Pod> {
  const pod = await cluster.pods.get(namespace, name);
  if (!pod) throw notFoundError(`pod ${name} not found in namespace ${namespace}`, 'check the name and -n/--namespace (`kubectl get pods -n NAMESPACE`)');
  if (!pod.spec?.nodeName) throw new CliError(`pod ${namespace}/${name} is not scheduled to a node yet`, { exit: ExitCode.notFound, hint: 'wait until it is scheduled, then run again' });
  return pod;
}

export function sandboxOf(pod: V1Pod): PodSandboxRef {
  return {
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    ...(pod.metadata?.uid ? { uid: pod.metadata.uid } : {}),
    nodeName: pod.spec?.nodeName ?? '',
  };
}

export function runInPodOf(helper: NodeHelper, pod: V1Pod): RunIn {
  const ref = sandboxOf(pod);
  return (argv) => helper.runInPod(ref, argv, { timeoutMs: 20_000 });
}

export async function readPodState(helper: NodeHelper, pod: V1Pod): Promise<NetnsState> {
  const ref = sandboxOf(pod);
  return readNetnsState(runInPodOf(helper, pod), `pod ${ref.namespace}/${ref.name}`);
}

export async function fetchNads(cluster: Cluster, refs: readonly string[]): Promise<Map<string, NetworkAttachmentDefinition | undefined>> {
  const entries = await Promise.all(
    refs.map(async (ref) => {
      const [ns, name] = ref.split('/') as [string, string];
      return [ref, await cluster.nads.get(ns, name)] as const;
    }),
  );
  return new Map(entries);
}

export async function podNads(cluster: Cluster, pod: V1Pod): Promise<Map<string, NetworkAttachmentDefinition | undefined>> {
  return fetchNads(cluster, requestedNetworks(pod));
}

/** The node side of NAD lint (NAD011): binaries in the default binDir and the node's interfaces. */
export async function nodeLintFacts(helper: NodeHelper): Promise<NodeFacts> {
  const [binaries, addr] = await Promise.all([helper.listDir(CniPaths.binDir), helper.runOnNode(IpArgv.addr, { timeoutMs: 20_000 })]);
  return {
    node: helper.nodeName,
    binDir: CniPaths.binDir,
    ...(binaries ? { binaries } : {}),
    ...(addr.exitCode === 0 ? { interfaces: parseLinks(addr.stdout).map((l) => l.name) } : {}),
  };
}
