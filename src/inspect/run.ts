/**
 * What `pod inspect`, `debug route` and `debug node` do, minus flag parsing and printing: fetch
 * from the API, open one node helper (always closed), read, analyse. Commands call these.
 */
import { CliError, notFoundError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Cluster } from '../k8s/ports.js';
import { parseNetworkStatus, type NetworkStatus } from '../multus/network-status.js';
import { ipVersion } from '../multus/addresses.js';
import { Annotations } from '../constants.js';
import { IpArgv } from '../node/commands.js';
import type { NodeHelper } from '../node/helper.js';
import { parseRouteGet } from '../node/ip-json.js';
import { getPod, nodeLintFacts, podNads, readPodState, runInPodOf } from './gather.js';
import { lintPodNads } from './nad-lint.js';
import { runJson } from './live.js';
import { debugNode, nodeApiFacts } from './node-gather.js';
import type { NodeDebug } from './node-debug.js';
import { inspectPod, type PodInspection } from './pod-inspect.js';
import { summariseNad } from './nad-summary.js';
import { debugRoutes, type RouteDebug } from './route-debug.js';

export type HelperFactory = (nodeName: string) => Promise<NodeHelper>;

/** Runs `fn` with a helper for the node, closing it afterwards; transport failures become CliErrors. */
async function withHelper<T>(open: HelperFactory, nodeName: string, fn: (helper: NodeHelper) => Promise<T>): Promise<T> {
  const helper = await open(nodeName);
  try {
    return await fn(helper);
  } catch (err) {
    if (err instanceof CliError) throw err;
    const message = (err as Error).message ?? String(err);
    if (message.startsWith('cannot find the network namespace') || message.endsWith('has no network namespace yet')) {
      throw notFoundError(message, 'is the pod running? Another transport may see it: --via ssh, --via pod or --via local on the node');
    }
    throw new CliError(`reading node ${nodeName} through the ${helper.transport} transport failed: ${message}`, { exit: ExitCode.unreachable, hint: 'run again with --debug to see each command', cause: err });
  } finally {
    await helper.close();
  }
}

export async function runPodInspect(cluster: Cluster, open: HelperFactory, podName: string, iface?: string): Promise<PodInspection> {
  const pod = await getPod(cluster, cluster.namespace, podName);
  return withHelper(open, pod.spec!.nodeName!, async (helper) => {
    const [nads, live, node] = await Promise.all([podNads(cluster, pod), readPodState(helper, pod), nodeLintFacts(helper)]);
    const result = inspectPod({ pod, transport: helper.transport, nads, lint: lintPodNads(nads, node), live, iface });
    if (iface && result.interfaces.length === 0) {
      throw notFoundError(`pod ${cluster.namespace}/${podName} has no interface ${iface}, and none is requested or recorded`, `its interfaces: ${live.links.map((l) => l.name).join(', ')}`);
    }
    return result;
  });
}

export interface DebugRouteOptions {
  to?: string;
  from?: string;
  clusterCidrs?: string[];
  serviceCidrs?: string[];
}

function statusOf(text: string | undefined): NetworkStatus[] {
  if (!text) return [];
  try {
    return parseNetworkStatus(text);
  } catch {
    return [];
  }
}

/** The cluster's pod CIDRs as the nodes carry them (spec.podCIDRs). */
export async function nodePodCidrs(cluster: Cluster): Promise<string[]> {
  const nodes = await cluster.nodes.list();
  return [...new Set(nodes.flatMap((n) => n.spec?.podCIDRs ?? (n.spec?.podCIDR ? [n.spec.podCIDR] : [])))].sort();
}

export async function runDebugRoute(cluster: Cluster, open: HelperFactory, podName: string, options: DebugRouteOptions = {}): Promise<RouteDebug> {
  for (const [flag, value] of [['--to', options.to], ['--from', options.from]] as const) {
    if (value !== undefined && ipVersion(value) === 0) throw new CliError(`${flag} ${value} is not an IP address`, { exit: ExitCode.usage, hint: `e.g. ${flag} 10.96.0.1 or ${flag} fd00::1` });
  }
  const pod = await getPod(cluster, cluster.namespace, podName);
  const clusterCidrs = options.clusterCidrs?.length ? options.clusterCidrs : await nodePodCidrs(cluster);
  return withHelper(open, pod.spec!.nodeName!, async (helper) => {
    const [live, nads] = await Promise.all([readPodState(helper, pod), podNads(cluster, pod)]);
    const lookup = options.to
      ? { to: options.to, result: parseRouteGet(await runJson(runInPodOf(helper, pod), IpArgv.routeGet(options.to, options.from), `pod ${podName}`)) }
      : undefined;
    const sbrNetworks = new Set([...nads].filter(([, nad]) => nad && summariseNad(nad).sbr).map(([ref]) => ref));
    return debugRoutes({
      pod: { namespace: pod.metadata?.namespace ?? cluster.namespace, name: podName, ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}) },
      transport: helper.transport,
      live,
      networkStatus: statusOf(pod.metadata?.annotations?.[Annotations.networkStatus]),
      sbrNetworks,
      clusterCidrs,
      serviceCidrs: options.serviceCidrs ?? [],
      ...(lookup ? { lookup } : {}),
    });
  });
}

export async function runDebugNode(cluster: Cluster, open: HelperFactory, nodeName: string): Promise<NodeDebug> {
  const api = await nodeApiFacts(cluster, nodeName);
  return withHelper(open, nodeName, (helper) => debugNode(helper, nodeName, api));
}
